-- Health of a MySQL Operator InnoDBCluster (mysql.oracle.com/v2) for Argo CD.
--
-- The operator diagnoses the group and writes the result to status.cluster.status; the states
-- are those of ClusterDiagStatus in the operator's mysqloperator/controller/diagnose.py. A state
-- ending in _UNCERTAIN means that some instances could not be reached, so the diagnosis may be
-- incomplete. Runs in Argo CD's Lua 5.1 (gopher-lua); keep to what 5.1 and 5.4 both have.

local function instances()
  local online = 0
  local wanted = 1

  if obj.status.cluster.onlineInstances ~= nil then
    online = obj.status.cluster.onlineInstances
  end
  if obj.spec ~= nil and obj.spec.instances ~= nil then
    wanted = obj.spec.instances
  end

  return string.format("%d of %d instances online", online, wanted)
end

-- Each state: the Argo CD health it maps to, and what it means for whoever reads the UI.
local meanings = {
  ONLINE = { "Healthy", "every instance is in the group" },
  ONLINE_PARTIAL = { "Progressing", "serving with quorum; the operator is rejoining the others" },
  ONLINE_UNCERTAIN = {
    "Degraded",
    "serving with quorum, but some instances are unreachable: a split brain cannot be ruled out",
  },
  PENDING = { "Progressing", "the operator has created the servers; waiting for them to start" },
  INITIALIZING = { "Progressing", "the operator is creating the group" },
  FINALIZING = { "Progressing", "the cluster is being deleted" },
  OFFLINE = { "Degraded", "every instance is offline; the group must be rebooted" },
  OFFLINE_UNCERTAIN = { "Degraded", "the reachable instances are offline, others unreachable" },
  NO_QUORUM = { "Degraded", "the group has lost its quorum and accepts no writes" },
  NO_QUORUM_UNCERTAIN = { "Degraded", "no quorum among the reachable instances" },
  SPLIT_BRAIN = { "Degraded", "more than one group claims to be the cluster" },
  SPLIT_BRAIN_UNCERTAIN = { "Degraded", "split brain, and some instances are unreachable" },
  UNKNOWN = { "Degraded", "no instance can be reached" },
  INVALID = { "Degraded", "the operator rejected the spec; see the cluster's events" },
  ERROR = { "Degraded", "the operator reports an error; see the cluster's events" },
}

if obj.status == nil or obj.status.cluster == nil or obj.status.cluster.status == nil then
  return { status = "Progressing", message = "Waiting for the operator to report a state" }
end

local state = obj.status.cluster.status
local meaning = meanings[state]

if meaning == nil then
  return { status = "Unknown", message = "Unexpected cluster state " .. tostring(state) }
end

return { status = meaning[1], message = state .. ": " .. meaning[2] .. " (" .. instances() .. ")" }
