-- Health of a MySQL Operator MySQLBackup (mysql.oracle.com/v2) for Argo CD.
--
-- The operator's backup job writes status.status: Running when the dump starts, then Completed
-- (with completionTime and elapsedTime) or Error (with a message); see set_started,
-- set_succeeded and set_failed in the operator's mysqloperator/controller/backup/backup_api.py.
-- Pending and Failed are accepted too, for objects written by other versions. Runs in Argo CD's
-- Lua 5.1 (gopher-lua); keep to what 5.1 and 5.4 both have.

local function field(name, fallback)
  if obj.status[name] ~= nil then
    return tostring(obj.status[name])
  end
  return fallback
end

if obj.status == nil or obj.status.status == nil then
  return { status = "Progressing", message = "Waiting for the operator to start the backup" }
end

local state = obj.status.status

if state == "Completed" then
  local message = "Backup " .. field("output", "") .. " completed"
  return { status = "Healthy", message = message .. " in " .. field("elapsedTime", "?") }
end
if state == "Running" or state == "Pending" then
  local since = field("startTime", "?")
  return { status = "Progressing", message = "Backup " .. state .. " since " .. since }
end
if state == "Error" or state == "Failed" then
  return { status = "Degraded", message = "Backup failed: " .. field("message", "no message") }
end

return { status = "Unknown", message = "Unexpected backup state " .. tostring(state) }
