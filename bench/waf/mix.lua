-- wrk: a mix of ordinary requests (no attack), the same for Stratus and for nginx + ModSecurity.
-- Round robin over pages, searches, a product with options, a static file, a JSON cart update,
-- a login form and a page with cookies, with the headers a browser sends.
local reqs, i = {}, 0

local function headers(extra)
  local h = {
    ["Host"] = "shop.example.com",
    ["User-Agent"] = "Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0",
    ["Accept"] = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8",
    ["Accept-Language"] = "en-GB,en;q=0.7",
    ["Accept-Encoding"] = "gzip, deflate",
  }
  for k, v in pairs(extra or {}) do h[k] = v end
  return h
end

init = function(args)
  local add = function(method, path, extra, body) reqs[#reqs + 1] = wrk.format(method, path, headers(extra), body) end
  add("GET", "/")
  add("GET", "/search?q=running+shoes&page=2&sort=price")
  add("GET", "/products/12345?colour=blue&size=42&ref=homepage")
  add("GET", "/static/js/app.4f3c2a.js", { ["Accept"] = "*/*" })
  add("POST", "/api/cart", { ["Content-Type"] = "application/json", ["Accept"] = "application/json" },
      '{"sku":"A-100","quantity":2,"note":"Gift wrap, please - it\'s for my mum","coupon":null}')
  add("POST", "/login", { ["Content-Type"] = "application/x-www-form-urlencoded" },
      "username=alice%40example.com&password=correct+horse+battery+staple&remember=on")
  add("GET", "/account/orders?year=2024", { ["Cookie"] = "session=9f8e7d6c5b4a; theme=dark; consent=analytics%2Cads" })
  add("GET", "/blog/2024/10/how-we-ship-on-fridays?utm_source=newsletter&utm_medium=email")
end

request = function()
  i = i % #reqs + 1
  return reqs[i]
end
