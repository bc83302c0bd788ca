// cloudfront-js-2.0 as Stratus gives it: require('crypto' | 'querystring' | 'cloudfront'), console.log,
// no dynamic code (eval, the Function constructors), no timers, no host access. Evaluated once per context.
(function (g) {
  'use strict';
  const host = g.__host;
  delete g.__host;
  for (const name of ['print', 'printErr', 'load', 'loadWithNewGlobal', 'quit', 'Java', 'Polyglot', 'Graal',
      'setTimeout', 'setInterval', 'setImmediate', 'clearTimeout', 'clearInterval', 'queueMicrotask', 'WebAssembly']) {
    try { delete g[name]; } catch (e) { /* not configurable */ }
  }
  function noDynamicCode() { throw new EvalError('Dynamic code evaluation is not supported'); }
  Object.defineProperty(g, 'eval', { value: noDynamicCode, writable: false, configurable: false });
  for (const proto of [Function.prototype, Object.getPrototypeOf(async function () {}),
      Object.getPrototypeOf(function* () {}), Object.getPrototypeOf(async function* () {})]) {
    const blocked = function () { noDynamicCode(); };
    blocked.prototype = proto;
    Object.defineProperty(proto, 'constructor', { value: blocked, writable: false, configurable: false });
  }
  g.Function = Function.prototype.constructor;

  const logs = [];
  g.console = { log: (...a) => logs.push(a.map(x => typeof x === 'string' ? x : JSON.stringify(x)).join(' ')) };
  g.console.info = g.console.warn = g.console.error = g.console.debug = g.console.log;

  const encodings = ['hex', 'base64', 'base64url'];
  function digester(alg, key) {
    const algorithm = String(alg).toLowerCase();
    if (!['md5', 'sha1', 'sha256'].includes(algorithm)) throw new Error('Digest method not supported');
    const parts = [];
    return {
      update(data) { parts.push(String(data)); return this; },
      digest(enc) {
        const out = host.digest(algorithm, key === undefined ? null : String(key), parts.join(''), enc === undefined ? 'bytes' : String(enc));
        if (enc === undefined) return Uint8Array.from(JSON.parse(out));
        if (!encodings.includes(enc)) throw new Error('Unknown digest encoding: ' + enc);
        return out;
      }
    };
  }
  const crypto = { createHash: alg => digester(alg), createHmac: (alg, key) => digester(alg, key) };

  const esc = s => encodeURIComponent(s).replace(/[!'()*]/g, c => '%' + c.charCodeAt(0).toString(16).toUpperCase());
  const unesc = s => { try { return decodeURIComponent(s); } catch (e) { return s; } };
  const querystring = {
    escape: esc,
    unescape: unesc,
    parse(str, sep, eq, options) {
      sep = sep || '&'; eq = eq || '=';
      const decode = options && options.decodeURIComponent || unesc;
      const max = options && options.maxKeys !== undefined ? options.maxKeys : 1000;
      const out = {};
      if (typeof str !== 'string' || str.length === 0) return out;
      let pairs = str.split(sep);
      if (max > 0) pairs = pairs.slice(0, max);
      for (const p of pairs) {
        const at = p.indexOf(eq);
        const k = decode((at >= 0 ? p.slice(0, at) : p).replace(/\+/g, ' '));
        const v = at >= 0 ? decode(p.slice(at + eq.length).replace(/\+/g, ' ')) : '';
        if (!Object.prototype.hasOwnProperty.call(out, k)) out[k] = v;
        else if (Array.isArray(out[k])) out[k].push(v);
        else out[k] = [out[k], v];
      }
      return out;
    },
    stringify(obj, sep, eq, options) {
      sep = sep || '&'; eq = eq || '=';
      const encode = options && options.encodeURIComponent || esc;
      const prim = v => typeof v === 'string' ? v : (typeof v === 'number' && isFinite(v)) || typeof v === 'boolean' ? String(v) : '';
      if (obj === null || typeof obj !== 'object') return '';
      return Object.keys(obj).map(k => {
        const v = obj[k];
        const ks = encode(prim(k)) + eq;
        return Array.isArray(v) ? v.map(x => ks + encode(prim(x))).join(sep) : ks + encode(prim(v));
      }).filter(s => s.length > 0).join(sep);
    }
  };
  querystring.decode = querystring.parse;
  querystring.encode = querystring.stringify;

  const cloudfront = {
    kvs(id) {
      const store = id === undefined ? host.defaultStore() : String(id);
      return {
        get(key, options) {
          const v = host.kvsGet(store, String(key));
          if (v === null) return Promise.reject(new Error('Key ' + key + ' not found'));
          const format = options && options.format || 'string';
          if (format === 'json') return Promise.resolve(JSON.parse(v));
          if (format === 'bytes') return Promise.resolve(Uint8Array.from(Array.from(v, c => c.charCodeAt(0) & 0xff)));
          return Promise.resolve(v);
        },
        exists(key) { return Promise.resolve(host.kvsGet(store, String(key)) !== null); },
        meta() { return Promise.resolve(JSON.parse(host.kvsMeta(store))); }
      };
    }
  };

  const modules = { crypto, querystring, cloudfront };
  g.require = function (name) {
    const m = modules[name];
    if (m === undefined) throw new Error("Cannot find module '" + name + "'");
    return m;
  };

  // one run: the handler's answer (a request or a response) as JSON, or the error it threw
  g.__run = function (eventJson) {
    logs.length = 0;
    const out = { done: false, value: null, error: null, logs };
    Promise.resolve().then(() => handler(JSON.parse(eventJson))).then(
      r => { out.done = true; out.value = JSON.stringify(r === undefined ? null : r); },
      e => { out.done = true; out.error = e instanceof Error ? e.name + ': ' + e.message : String(e); });
    return out;
  };
})(globalThis);
