-- wrk script for scripts/bench/webhook: each request a fresh Standard Webhooks delivery (its own webhook-id and
-- its own approvals, keyed by decision number), signed with HMAC-SHA256 through OpenSSL's libcrypto (LuaJIT's FFI:
-- wrk's Lua has no HMAC of its own). RECORDS approvals a request (1: one object; more: a list).
-- Environment: SECRET_HEX (the secret's bytes in hex), RECORDS, PATH_ (the webhook's path).
local ffi = require("ffi")
ffi.cdef [[
typedef struct evp_md_st EVP_MD;
const EVP_MD *EVP_sha256(void);
unsigned char *HMAC(const EVP_MD *md, const void *key, int key_len, const unsigned char *d, size_t n,
                    unsigned char *out, unsigned int *out_len);
]]
local crypto = ffi.load("libcrypto.so.3")

local hex = os.getenv("SECRET_HEX")
local key = (hex:gsub("..", function(h) return string.char(tonumber(h, 16)) end))
local records = tonumber(os.getenv("RECORDS") or "1")
local path = os.getenv("PATH_") or "/hooks/bench"
local out = ffi.new("unsigned char[32]")
local out_len = ffi.new("unsigned int[1]")

local alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/"
local function base64(bytes)
  local t = {}
  for i = 1, #bytes, 3 do
    local a, b, c = bytes:byte(i, i + 2)
    local n = a * 65536 + (b or 0) * 256 + (c or 0)
    local chars = 4 - (b and 0 or 1) - (c and 0 or 1)
    for j = 1, 4 do
      if j <= chars then
        local v = math.floor(n / 2 ^ (6 * (4 - j))) % 64
        t[#t + 1] = alphabet:sub(v + 1, v + 1)
      else
        t[#t + 1] = "="
      end
    end
  end
  return table.concat(t)
end

local function sign(id, ts, body)
  local signed = id .. "." .. ts .. "." .. body
  crypto.HMAC(crypto.EVP_sha256(), key, #key, signed, #signed, out, out_len)
  return "v1," .. base64(ffi.string(out, out_len[0]))
end

local template = '{"sxbm":"11360735ML2ME08P2M1300011600100","sxmc":"药品零售企业许可","xkwsh":"BENCH审批〔2026〕%s号",' ..
  '"xkbh":"药品360735202400001","xdr":{"mc":"北郊物流经营部","lb":"法人及非法人组织","tyshxydm":"923607353JJ4A4RN5P",' ..
  '"zjhm":null,"fddbr":"夏芳立","lxdh":"16435739300","dz":"萌水镇234号"},"xkrq":"2026-12-01","yxqz":"2026-12-01",' ..
  '"yxqzhi":"2031-11-30","xknr":"经营项目：餐饮","jgbm":"县市场监督管理局","gzcn":{"sfgzcn":false,"cnsbh":null}}'

-- Each thread's number, set by `setup` as a global of the thread's own Lua state (a local here would stay 0 in every
-- thread, and two threads would send the same ids: replays, answered without storing).
local threads = 0
setup = function(thread)
  threads = threads + 1
  thread:set("thread_id", threads)
end

local n = 0
local run = tostring(os.time())
request = function()
  n = n + 1
  local id = string.format("msg_%s_%d_%d", run, thread_id or 0, n)
  local body
  if records == 1 then
    body = string.format(template, string.format("%s-%d-%d", run, thread_id or 0, n))
  else
    local items = {}
    for r = 1, records do
      items[r] = string.format(template, string.format("%s-%d-%d-%d", run, thread_id or 0, n, r))
    end
    body = "[" .. table.concat(items, ",") .. "]"
  end
  local ts = tostring(os.time())
  return wrk.format("POST", path, {
    ["Content-Type"] = "application/json",
    ["webhook-id"] = id,
    ["webhook-timestamp"] = ts,
    ["webhook-signature"] = sign(id, ts, body),
  }, body)
end

local statuses = {}
response = function(status, headers, body)
  statuses[status] = (statuses[status] or 0) + 1
end

done = function(summary, latency, requests)
  io.write(string.format("latency_p50_ms %.2f\n", latency:percentile(50) / 1000))
  io.write(string.format("latency_p99_ms %.2f\n", latency:percentile(99) / 1000))
  io.write(string.format("requests %d\n", summary.requests))
  io.write(string.format("errors %d\n", summary.errors.connect + summary.errors.read + summary.errors.write +
    summary.errors.status + summary.errors.timeout))
end
