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


  // Buffer (runtime 2.0's buffer module methods): a Uint8Array with Node's encodings
  const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
  function toBase64(bytes, url) {
    let out = '';
    for (let i = 0; i < bytes.length; i += 3) {
      const n = (bytes[i] << 16) | ((bytes[i + 1] || 0) << 8) | (bytes[i + 2] || 0);
      out += B64[(n >> 18) & 63] + B64[(n >> 12) & 63] + (i + 1 < bytes.length ? B64[(n >> 6) & 63] : '=')
          + (i + 2 < bytes.length ? B64[n & 63] : '=');
    }
    return url ? out.replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '') : out;
  }
  function fromBase64(str) {
    const clean = String(str).replace(/-/g, '+').replace(/_/g, '/').replace(/[^A-Za-z0-9+/]/g, '');
    const out = [];
    for (let i = 0; i < clean.length; i += 4) {
      const n = (B64.indexOf(clean[i]) << 18) | (B64.indexOf(clean[i + 1]) << 12)
          | ((B64.indexOf(clean[i + 2]) & 63) << 6) | (B64.indexOf(clean[i + 3]) & 63);
      out.push((n >> 16) & 255);
      if (i + 2 < clean.length) out.push((n >> 8) & 255);
      if (i + 3 < clean.length) out.push(n & 255);
    }
    return out;
  }
  const utf8 = s => Array.from(unescape(encodeURIComponent(s)), c => c.charCodeAt(0));
  class Buffer extends Uint8Array {
    static from(value, encoding) {
      if (typeof value === 'string') {
        const enc = (encoding || 'utf8').toLowerCase();
        let bytes;
        if (enc === 'hex') bytes = (value.match(/../g) || []).map(h => parseInt(h, 16));
        else if (enc === 'base64' || enc === 'base64url') bytes = fromBase64(value);
        else if (enc === 'latin1' || enc === 'binary' || enc === 'ascii') bytes = Array.from(value, c => c.charCodeAt(0) & 255);
        else if (enc === 'utf8' || enc === 'utf-8') bytes = utf8(value);
        else throw new TypeError('Unknown encoding: ' + encoding);
        return new Buffer(bytes);
      }
      return new Buffer(Array.from(value));
    }
    static alloc(size, fill) { const b = new Buffer(size); if (fill !== undefined) b.fill(typeof fill === 'number' ? fill : Buffer.from(String(fill))[0]); return b; }
    static concat(list) { return new Buffer(list.reduce((a, b) => a.concat(Array.from(b)), [])); }
    static isBuffer(b) { return b instanceof Buffer; }
    static byteLength(s, encoding) { return typeof s === 'string' ? Buffer.from(s, encoding).length : s.length; }
    toString(encoding, start, end) {
      const bytes = Array.from(this.subarray(start || 0, end === undefined ? this.length : end));
      const enc = (encoding || 'utf8').toLowerCase();
      if (enc === 'hex') return bytes.map(b => (b < 16 ? '0' : '') + b.toString(16)).join('');
      if (enc === 'base64') return toBase64(bytes, false);
      if (enc === 'base64url') return toBase64(bytes, true);
      const bin = bytes.map(b => String.fromCharCode(b)).join('');
      if (enc === 'latin1' || enc === 'binary' || enc === 'ascii') return bin;
      try { return decodeURIComponent(escape(bin)); } catch (e) { return bin; }
    }
    equals(other) { return this.length === other.length && this.every((b, i) => b === other[i]); }
    toJSON() { return { type: 'Buffer', data: Array.from(this) }; }
  }
  g.Buffer = Buffer;

  const encodings = ['hex', 'base64', 'base64url'];
  // bytes as a string of chars 0–255: strings are UTF-8 encoded, Buffers taken as they are
  const binary = d => d instanceof Uint8Array ? Buffer.from(d).toString('latin1') : unescape(encodeURIComponent(String(d)));
  function digester(alg, key) {
    const algorithm = String(alg).toLowerCase();
    if (!['md5', 'sha1', 'sha256'].includes(algorithm)) throw new Error('Digest method not supported');
    const parts = [];
    return {
      update(data) { parts.push(binary(data)); return this; },
      digest(enc) {
        const out = host.digest(algorithm, key === undefined ? null : binary(key), parts.join(''), enc === undefined ? 'bytes' : String(enc));
        if (enc === undefined) return new Buffer(JSON.parse(out));
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

  // the origin helpers record what the handler asked for; the edge applies it to this request only
  let originChange = null;
  let eventType = null;
  function viewerRequestOnly(name) {
    if (eventType !== 'viewer-request') throw new Error(name + ' can be used in viewer request functions only');
  }
  function originParams(p, name) {
    if (p === null || typeof p !== 'object' || Array.isArray(p)) throw new TypeError(name + ' takes an object');
    return JSON.parse(JSON.stringify(p));
  }
  const cloudfront = {
    kvs(id) {
      const associated = host.associatedStore();
      const store = id === undefined ? host.defaultStore() : String(id);
      if (associated !== null && store !== associated) {
        throw new Error('The key value store ' + store + ' is not associated with this function');
      }
      return {
        get(key, options) {
          const v = host.kvsGet(store, String(key));
          if (v === null) return Promise.reject(new Error('Key ' + key + ' not found'));
          const format = options && options.format || 'string';
          if (format === 'json') return Promise.resolve(JSON.parse(v));
          if (format === 'bytes') return Promise.resolve(Uint8Array.from(utf8(v)));
          if (format !== 'string') return Promise.reject(new Error('Unknown format: ' + format));
          return Promise.resolve(v);
        },
        exists(key) { return Promise.resolve(host.kvsGet(store, String(key)) !== null); },
        meta() { return Promise.resolve(JSON.parse(host.kvsMeta(store))); }
      };
    },
    updateRequestOrigin(params) {
      viewerRequestOnly('updateRequestOrigin');
      originChange = { update: originParams(params, 'updateRequestOrigin') };
    },
    selectRequestOriginById(originId) {
      viewerRequestOnly('selectRequestOriginById');
      if (typeof originId !== 'string' || originId.length === 0) throw new TypeError('selectRequestOriginById takes an origin id');
      originChange = { select: originId };
    },
    createRequestOriginGroup(params) {
      viewerRequestOnly('createRequestOriginGroup');
      const p = originParams(params, 'createRequestOriginGroup');
      if (!Array.isArray(p.originIds) || p.originIds.length !== 2) {
        throw new TypeError('createRequestOriginGroup takes two originIds');
      }
      originChange = { group: p };
    }
  };

  const modules = { crypto, querystring, cloudfront, buffer: { Buffer } };
  g.require = function (name) {
    const m = modules[name];
    if (m === undefined) throw new Error("Cannot find module '" + name + "'");
    return m;
  };

  // one run: the handler's answer (a request or a response) as JSON, or the error it threw
  g.__run = function (eventJson) {
    logs.length = 0;
    originChange = null;
    const event = JSON.parse(eventJson);
    eventType = event && event.context ? event.context.eventType : null;
    const out = { done: false, value: null, error: null, logs, origin: null };
    Promise.resolve().then(() => handler(event)).then(
      r => {
        out.done = true;
        out.value = JSON.stringify(r === undefined ? null : r);
        out.origin = originChange === null ? null : JSON.stringify(originChange);
      },
      e => { out.done = true; out.error = e instanceof Error ? e.name + ': ' + e.message : String(e); });
    return out;
  };
})(globalThis);
