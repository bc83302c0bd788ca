# Stratus's Python runtime client: loads the handler named by _HANDLER (module.function) from
# LAMBDA_TASK_ROOT and loops on the Lambda runtime API at AWS_LAMBDA_RUNTIME_API, as AWS's
# awslambdaric does. Standard library only.
import http.client
import importlib
import json
import os
import sys
import time
import traceback

API = os.environ["AWS_LAMBDA_RUNTIME_API"]
conn = http.client.HTTPConnection(API)


def call(method, path, body=None, headers=None):
    global conn
    for attempt in (0, 1):
        try:
            conn.request(method, "/2018-06-01/runtime" + path, body=body, headers=headers or {})
            resp = conn.getresponse()
            return resp, resp.read()
        except (http.client.HTTPException, ConnectionError):
            conn.close()
            conn = http.client.HTTPConnection(API)
            if attempt:
                raise


def error_doc(exc, error_type=None):
    # The user's frames only, as AWS shows them (not the runtime's own).
    tb = [f for f in traceback.extract_tb(exc.__traceback__) if f.filename != os.path.abspath(__file__)]
    return {
        "errorMessage": str(exc),
        "errorType": error_type or type(exc).__name__,
        "requestId": "",
        "stackTrace": traceback.format_list(tb),
    }


def post_json(path, doc, headers=None):
    body = json.dumps(doc).encode()
    call("POST", path, body, dict({"Content-Type": "application/json"}, **(headers or {})))


class Context:
    def __init__(self, request_id, deadline_ms, arn):
        self.aws_request_id = request_id
        self.invoked_function_arn = arn
        self.function_name = os.environ.get("AWS_LAMBDA_FUNCTION_NAME")
        self.function_version = os.environ.get("AWS_LAMBDA_FUNCTION_VERSION")
        self.memory_limit_in_mb = os.environ.get("AWS_LAMBDA_FUNCTION_MEMORY_SIZE")
        self.log_group_name = os.environ.get("AWS_LAMBDA_LOG_GROUP_NAME")
        self.log_stream_name = os.environ.get("AWS_LAMBDA_LOG_STREAM_NAME")
        self.identity = None
        self.client_context = None
        self._deadline_ms = deadline_ms

    def get_remaining_time_in_millis(self):
        return max(0, int(self._deadline_ms - time.time() * 1000))


def load_handler():
    spec = os.environ["_HANDLER"]
    module_name, _, function_name = spec.rpartition(".")
    if not module_name:
        raise RuntimeError("Bad handler '%s': not enough values to unpack (expected 2, got 1)" % spec)
    try:
        module = importlib.import_module(module_name.replace("/", "."))
    except ImportError as e:
        raise LambdaInitError("Runtime.ImportModuleError",
                              "Unable to import module '%s': %s" % (module_name, e)) from None
    except SyntaxError as e:
        raise LambdaInitError("Runtime.UserCodeSyntaxError",
                              "Syntax error in module '%s': %s" % (module_name, e)) from None
    handler = getattr(module, function_name, None)
    if handler is None:
        raise LambdaInitError("Runtime.HandlerNotFound",
                              "Handler '%s' missing on module '%s'" % (function_name, module_name))
    return handler


class LambdaInitError(Exception):
    def __init__(self, error_type, message):
        super().__init__(message)
        self.error_type = error_type


def main():
    sys.path.insert(0, os.environ.get("LAMBDA_TASK_ROOT", "."))
    try:
        handler = load_handler()
    except Exception as e:
        doc = error_doc(e, getattr(e, "error_type", None))
        if isinstance(e, LambdaInitError):
            doc["stackTrace"] = []
        print("[ERROR] %s: %s" % (doc["errorType"], doc["errorMessage"]), file=sys.stderr, flush=True)
        post_json("/init/error", doc, {"Lambda-Runtime-Function-Error-Type": doc["errorType"]})
        sys.exit(1)
    while True:
        resp, body = call("GET", "/invocation/next")
        request_id = resp.getheader("Lambda-Runtime-Aws-Request-Id")
        deadline = int(resp.getheader("Lambda-Runtime-Deadline-Ms", "0"))
        arn = resp.getheader("Lambda-Runtime-Invoked-Function-Arn")
        trace = resp.getheader("Lambda-Runtime-Trace-Id")
        if trace:
            os.environ["_X_AMZN_TRACE_ID"] = trace
        try:
            event = json.loads(body) if body else None
            result = handler(event, Context(request_id, deadline, arn))
            try:
                out = json.dumps(result).encode()
            except (TypeError, ValueError) as e:
                raise LambdaInitError("Runtime.MarshalError", "Unable to marshal response: %s" % e) from None
        except Exception as e:
            doc = error_doc(e, getattr(e, "error_type", None))
            if isinstance(e, LambdaInitError):
                doc["stackTrace"] = []
            doc["requestId"] = request_id
            print("[ERROR] %s: %s" % (doc["errorType"], doc["errorMessage"]), file=sys.stderr, flush=True)
            post_json("/invocation/%s/error" % request_id, doc,
                      {"Lambda-Runtime-Function-Error-Type": "Unhandled"})
            continue
        call("POST", "/invocation/%s/response" % request_id, out, {"Content-Type": "application/json"})


if __name__ == "__main__":
    main()
