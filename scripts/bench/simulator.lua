-- wrk script for scripts/bench/simulator: one approval per request, a fresh message id (also the
-- Idempotency-Key) each time, so that the simulator accepts every one instead of answering duplicates.
local n = 0
local thread_number = 0
setup = function(thread)
  thread_number = thread_number + 1
  thread:set("thread_number", thread_number)
end
request = function()
  n = n + 1
  local id = string.format("0193%04x-%08x-7000-8000-000000000000", thread_number or 0, n)
  local body = '{"contentHash":"0","decisionDate":"2024-10-21","id":"' .. id .. '","key":"bench:' .. n ..
    '","kind":"approval","message":{"content":"经营项目：物流，预包装食品销售","counterparty":{"address":"萌水镇290号",' ..
    '"kind":"organisation","name":"淄博萌水物流有限公司","uscc":"92370306EMA1Y1Q80J"},"decisionDate":"2024-10-21",' ..
    '"documentNumber":"ZH审批〔2024〕1号","itemName":"道路货物运输经营许可","licenceNumber":"许可3703060000001",' ..
    '"supervisingDepartment":"区文化和旅游局","validity":{"from":"2024-10-21","to":"2029-10-21"}},' ..
    '"profile":"zhoucun","version":1}'
  return wrk.format("POST", "/interaction/v1/messages",
    {["Content-Type"] = "application/json; charset=utf-8", ["Idempotency-Key"] = id}, body)
end
