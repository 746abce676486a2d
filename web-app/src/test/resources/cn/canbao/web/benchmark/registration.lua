-- wrk 4.1 script for the registration API under load (ScaleBenchmark, docs/performance.md): every request POSTs a
-- new person, so the duplicate refusal never short-cuts the work. The session cookie and CSRF header come as -H.
--
--   wrk -t2 -c16 -d20s -H 'Cookie: JSESSIONID=…' -H 'X-CSRF-TOKEN: …' -s registration.lua URL -- FIRST BLOCK VILLAGES
--
-- Thread t numbers its requests FIRST + t * BLOCK, FIRST + t * BLOCK + 1, … (runs must not overlap: the next run starts
-- at FIRST + threads * BLOCK); VILLAGES: comma-separated village codes. Sequence number i gives ID number 341100 (滁州市, outside the county) + a birth date 1950–1999 + a
-- serial, with its check character (GB 11643): unique for i below 16,800,000, as ScaleBenchmark.newResident.

local thread_count = 0

function setup(thread)
  thread:set("index", thread_count)
  thread_count = thread_count + 1
end

local weights = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2}
local check_characters = "10X98765432"
local numerals = {"零", "一", "二", "三", "四", "五", "六", "七", "八", "九"}

function init(args)
  first = tonumber(args[1])
  block = tonumber(args[2])
  villages = {}
  for code in string.gmatch(args[3], "[^,]+") do
    villages[#villages + 1] = code
  end
  sent = 0
  wrk.method = "POST"
  wrk.headers["Content-Type"] = "application/json"
end

local function id_number(i)
  local day = i % 16800
  local first17 = string.format("341100%04d%02d%02d%03d", 1950 + math.floor(day / 336), math.floor(day / 28) % 12 + 1,
      day % 28 + 1, math.floor(i / 16800) % 1000)
  local sum = 0
  for k = 1, 17 do
    sum = sum + (string.byte(first17, k) - 48) * weights[k]
  end
  local m = sum % 11 + 1
  return first17 .. string.sub(check_characters, m, m)
end

local function chinese(i)
  return (string.gsub(string.format("%d", i), "%d", function(d) return numerals[tonumber(d) + 1] end))
end

function request()
  local i = first + index * block + sent
  sent = sent + 1
  local body = string.format('{"name":"压测%s","documentType":"RESIDENT_ID","documentNumber":"%s","regionCode":"%s",'
      .. '"category":"RESIDENT","phone":"13812345678"}', chinese(i), id_number(i), villages[i % #villages + 1])
  return wrk.format(nil, nil, nil, body)
end

-- One line the benchmark parses; latencies in microseconds, errors.status counts answers >= 400.
function done(summary, latency, requests)
  io.write(string.format("canbao-wrk requests=%d duration_us=%d status_errors=%d socket_errors=%d p50_us=%d p95_us=%d p99_us=%d max_us=%d\n",
      summary.requests, summary.duration, summary.errors.status,
      summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout,
      latency:percentile(50), latency:percentile(95), latency:percentile(99), latency.max))
end
