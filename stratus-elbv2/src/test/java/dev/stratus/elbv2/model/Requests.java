package dev.stratus.elbv2.model;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A small builder of request views for the routing tests. */
final class Requests {
  String protocol = "HTTP";
  String host = "www.example.com";
  int port = 80;
  String method = "GET";
  String path = "/";
  String rawQuery = "";
  Map<String, List<String>> query = new LinkedHashMap<>();
  Map<String, List<String>> headers = new LinkedHashMap<>();
  Map<String, String> cookies = new LinkedHashMap<>();
  String sourceIp = "127.0.0.1";

  static Requests get(String path) {
    var r = new Requests();
    r.path = path;
    return r;
  }

  Requests host(String h) { host = h; return this; }
  Requests method(String m) { method = m; return this; }
  Requests query(String k, String v) {
    query.computeIfAbsent(k, x -> new java.util.ArrayList<>()).add(v);
    rawQuery = (rawQuery.isEmpty() ? "" : rawQuery + "&") + k + "=" + v;
    return this;
  }
  Requests header(String k, String v) { headers.computeIfAbsent(k.toLowerCase(), x -> new java.util.ArrayList<>()).add(v); return this; }
  Requests cookie(String k, String v) { cookies.put(k, v); return this; }
  Requests from(String ip) { sourceIp = ip; return this; }
  Requests https(int p) { protocol = "HTTPS"; port = p; return this; }

  RequestView view() {
    return new RequestView(protocol, host, port, method, path, rawQuery, query, headers, cookies, sourceIp);
  }
}
