-- wrk script of the webhook benchmark: POSTs one sign-up per call, each with its own user id, and reports the
-- figures on one line for WebhookHttpBenchmark. Set WEBHOOK_SECRET in the environment.
local threads = {}

function setup(thread)
  thread:set("tid", #threads)
  table.insert(threads, thread)
end

function init(args)
  n = 0
  s503 = 0
  other = 0
  wrk.method = "POST"
  wrk.headers["Content-Type"] = "application/json"
  wrk.headers["X-Webhook-Secret"] = os.getenv("WEBHOOK_SECRET")
end

function request()
  n = n + 1
  local id = tid .. "-" .. n
  return wrk.format(nil, nil, nil,
    '{"user_id": "bench-' .. id .. '", "name": "User ' .. id .. '", "email": "user' .. n .. '@example.com"}')
end

function response(status, headers, body)
  if status == 503 then
    s503 = s503 + 1
  elseif status ~= 200 then
    other = other + 1
  end
end

function done(summary, latency, requests)
  local r503, rother = 0, 0
  for _, t in ipairs(threads) do
    r503 = r503 + t:get("s503")
    rother = rother + t:get("other")
  end
  local e = summary.errors
  io.write(string.format("RESULT %d %d %d %d %d %d %d %d %d %d\n", summary.requests, summary.duration,
    latency:percentile(50), latency:percentile(99), r503, rother, e.connect, e.read, e.write, e.timeout))
end
