-- Health of an Argo CD Application, for the Application that manages it (app of apps).
--
-- Argo CD 1.8 removed the built-in health of Applications, so a parent would count a child as
-- healthy as soon as it exists and start the next sync wave while the child is still syncing.
-- With this check the parent takes the health that the child reports in status.health, and waits.
-- Runs in Argo CD's Lua 5.1 (gopher-lua); keep to what 5.1 and 5.4 both have.

if obj.status == nil or obj.status.health == nil or obj.status.health.status == nil then
  return { status = "Progressing", message = "Waiting for the Application to report its health" }
end

local message = ""
if obj.status.health.message ~= nil then
  message = obj.status.health.message
end

return { status = obj.status.health.status, message = message }
