// Stratus's Node.js runtime client: loads the handler named by _HANDLER (file.export) from
// LAMBDA_TASK_ROOT (CommonJS .js/.cjs or ES module .mjs) and loops on the Lambda runtime API at
// AWS_LAMBDA_RUNTIME_API, as AWS's aws-lambda-nodejs-runtime-interface-client does.
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

const api = `http://${process.env.AWS_LAMBDA_RUNTIME_API}/2018-06-01/runtime`;
const taskRoot = process.env.LAMBDA_TASK_ROOT || process.cwd();

class InitError extends Error {
  constructor(type, message) { super(message); this.name = type; }
}

function errorDoc(err, type) {
  const e = err instanceof Error ? err : new Error(String(err));
  return {
    errorType: type || e.name || 'Error',
    errorMessage: e.message,
    trace: typeof e.stack === 'string' ? e.stack.split('\n') : [],
  };
}

async function post(p, doc, headers = {}) {
  await fetch(api + p, {
    method: 'POST',
    body: typeof doc === 'string' ? doc : JSON.stringify(doc),
    headers: { 'Content-Type': 'application/json', ...headers },
  });
}

async function loadHandler() {
  const spec = process.env._HANDLER || '';
  const dot = spec.lastIndexOf('.');
  if (dot < 1) throw new InitError('Runtime.MalformedHandlerName', `Bad handler ${spec}`);
  const moduleName = spec.slice(0, dot);
  const fnName = spec.slice(dot + 1);
  const base = path.resolve(taskRoot, moduleName);
  const file = ['.js', '.mjs', '.cjs'].map((ext) => base + ext).find((f) => fs.existsSync(f));
  if (!file) {
    throw new InitError('Runtime.ImportModuleError', `Error: Cannot find module '${moduleName}'`);
  }
  let mod;
  try {
    mod = await import(pathToFileURL(file).href);
  } catch (e) {
    if (e instanceof SyntaxError) throw new InitError('Runtime.UserCodeSyntaxError', `${e.name}: ${e.message}`);
    throw e;
  }
  const fn = mod[fnName] ?? mod.default?.[fnName];
  if (typeof fn !== 'function') {
    throw new InitError('Runtime.HandlerNotFound', `${moduleName}.${fnName} is undefined or not exported`);
  }
  return fn;
}

function context(requestId, deadline, arn) {
  return {
    awsRequestId: requestId,
    invokedFunctionArn: arn,
    functionName: process.env.AWS_LAMBDA_FUNCTION_NAME,
    functionVersion: process.env.AWS_LAMBDA_FUNCTION_VERSION,
    memoryLimitInMB: process.env.AWS_LAMBDA_FUNCTION_MEMORY_SIZE,
    logGroupName: process.env.AWS_LAMBDA_LOG_GROUP_NAME,
    logStreamName: process.env.AWS_LAMBDA_LOG_STREAM_NAME,
    callbackWaitsForEmptyEventLoop: true,
    getRemainingTimeInMillis: () => Math.max(0, deadline - Date.now()),
  };
}

// A callback-style handler (3 parameters) answers through the callback; others return a value
// or a promise.
function run(fn, event, ctx) {
  if (fn.length >= 3) {
    return new Promise((resolve, reject) => {
      const r = fn(event, ctx, (err, value) => (err ? reject(err) : resolve(value)));
      if (r && typeof r.then === 'function') r.then(resolve, reject);
    });
  }
  return Promise.resolve().then(() => fn(event, ctx));
}

// console.* lines carry the timestamp, request id and level, as in AWS's Node.js runtimes.
let currentRequestId = undefined;
for (const [name, level] of [['log', 'INFO'], ['info', 'INFO'], ['warn', 'WARN'], ['error', 'ERROR'], ['debug', 'DEBUG']]) {
  const original = console[name].bind(console);
  console[name] = (...args) => original(`${new Date().toISOString()}\t${currentRequestId}\t${level}\t`, ...args);
}

let handler;
try {
  handler = await loadHandler();
} catch (e) {
  const doc = errorDoc(e, e instanceof InitError ? e.name : undefined);
  if (e instanceof InitError) doc.trace = [];
  process.stderr.write(`${new Date().toISOString()}\tundefined\tERROR\tUncaught Exception \t${JSON.stringify(doc)}\n`);
  await post('/init/error', doc, { 'Lambda-Runtime-Function-Error-Type': doc.errorType });
  process.exit(1);
}

for (;;) {
  const next = await fetch(api + '/invocation/next');
  const requestId = next.headers.get('lambda-runtime-aws-request-id');
  const deadline = Number(next.headers.get('lambda-runtime-deadline-ms') || 0);
  const arn = next.headers.get('lambda-runtime-invoked-function-arn');
  const traceId = next.headers.get('lambda-runtime-trace-id');
  if (traceId) process.env._X_AMZN_TRACE_ID = traceId;
  const body = await next.text();
  currentRequestId = requestId;
  try {
    const event = body ? JSON.parse(body) : null;
    const result = await run(handler, event, context(requestId, deadline, arn));
    await post(`/invocation/${requestId}/response`, result === undefined ? 'null' : JSON.stringify(result));
  } catch (e) {
    const doc = errorDoc(e);
    console.error('Invoke Error ', JSON.stringify(doc));
    await post(`/invocation/${requestId}/error`, doc, { 'Lambda-Runtime-Function-Error-Type': 'Unhandled' });
  }
}
