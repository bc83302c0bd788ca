"""AWS's own CLI examples as test cases, and the CLI that runs them, for AwsExamplesFidelityIT.

Usage: python3 aws_examples.py SERVICE...
Prints one JSON line: {examples, enums}: every example of the services' operations, read from
the installed AWS CLI's awscli/examples/<service>/<command>.rst: [{service, command, operation,
index, args, output (the example's printed output, or null), json (true when that output
parses)}], and per service every enum value of its model.
Then reads requests, one JSON line each: {owner: [service, operation, output path]} answers
{owner: the structure shape holding the path's last key, or null for the operation's output};
{args, accessKey} runs the AWS CLI
in this process (a fresh driver per command, no user config, one attempt) and answers one JSON line
{exit, out, err} per request, until end of input.
"""
import io
import json
import os
import re
import shlex
import sys
import tempfile

import awscli
from awscli.clidriver import create_clidriver
from botocore.session import Session
from botocore import xform_name

EXAMPLES = os.path.join(os.path.dirname(awscli.__file__), 'examples')


def literal_blocks(text, paragraphs=None):
    """The reStructuredText literal blocks (indented text after a line ending in '::'), with that line.
    With a list for paragraphs, appends the text between the previous block and each block's line."""
    lines = text.splitlines()
    i, n = 0, len(lines)
    since = 0
    while i < n:
        if lines[i].rstrip().endswith('::'):
            intro = lines[i]
            if paragraphs is not None:
                paragraphs.append('\n'.join(lines[since:i + 1]))
            i += 1
            while i < n and not lines[i].strip():
                i += 1
            block = []
            while i < n and (not lines[i].strip() or lines[i][:1] in (' ', '\t')):
                block.append(lines[i])
                i += 1
            while block and not block[-1].strip():
                block.pop()
            since = i
            if block:
                indent = min(len(l) - len(l.lstrip()) for l in block if l.strip())
                yield intro, '\n'.join(l[indent:] for l in block)
            elif paragraphs is not None:
                paragraphs.pop()
        else:
            i += 1


def examples(service, command_to_operation):
    folder = os.path.join(EXAMPLES, service)
    out = []
    for name in sorted(os.listdir(folder)):
        if not name.endswith('.rst'):
            continue
        command = name[:-4]
        operation = command_to_operation.get(command)
        if operation is None:
            continue
        with open(os.path.join(folder, name), encoding='utf-8') as f:
            text = f.read()
        index = 0
        paragraphs = []
        for intro, block in literal_blocks(text, paragraphs):
            stripped = block.strip()
            # a file an example reads (file://NAME), shown after it: "The file ``NAME`` ... contains::"
            named = re.findall(r'``([^`\s]+)``', paragraphs[-1]) if paragraphs else []
            wanted = [f for f in named if out and out[-1]['command'] == command and out[-1]['args']
                      and ('file://' + f) in out[-1]['args'] and f not in out[-1]['files']]
            if wanted and not stripped.startswith('aws '):
                out[-1]['files'][wanted[0]] = stripped
                continue
            if stripped.startswith('aws '):
                try:
                    # line continuations of sh, Windows cmd and PowerShell
                    args = shlex.split(re.sub(r'[\\^`][ \t]*\n', ' ', stripped))
                except ValueError:
                    args = None
                index += 1
                out.append({'service': service, 'command': command, 'operation': operation, 'index': index,
                            'args': args[1:] if args else None, 'output': None, 'json': False,
                            'files': {}})
            elif 'output' in intro.lower() and out and out[-1]['command'] == command and out[-1]['output'] is None:
                out[-1]['output'] = stripped
                try:
                    json.loads(stripped)
                    out[-1]['json'] = True
                except ValueError:
                    pass
    return out


def model_name(service):
    """The botocore model of an examples folder: s3api's examples are of the s3 model."""
    return {'s3api': 's3'}.get(service, service)


def enums(model):
    values = set()
    for name in model.shape_names:
        values.update(getattr(model.shape_for(name), 'enum', None) or [])
    return sorted(values)


def run(loader, request):
    os.environ['AWS_ACCESS_KEY_ID'] = request['accessKey']
    # a driver keeps state from one command to the next, so each command gets a fresh one; the
    # parsed service models (most of a CLI start) are shared
    driver = create_clidriver()
    driver.session.register_component('data_loader', loader)
    stdout, stderr = sys.stdout, sys.stderr
    out, err = io.StringIO(), io.StringIO()
    sys.stdout, sys.stderr = out, err
    try:
        code = driver.main(request['args'])
    except SystemExit as e:
        code = e.code if isinstance(e.code, int) else 255
    except Exception as e:  # the CLI's own failure is a test result, not a crash of this process
        err.write('%s: %s' % (type(e).__name__, e))
        code = 255
    finally:
        sys.stdout, sys.stderr = stdout, stderr
    return {'exit': code, 'out': out.getvalue(), 'err': err.getvalue()}


def owner(session, request):
    """The structure shape that holds the last key of an output path (null: the operation's output)."""
    service, operation, path = request['owner']
    shape = session.get_service_model(model_name(service)).operation_model(operation).output_shape
    names = [k.replace('[]', '') for k in path.split('.')]
    for name in names[:-1]:
        if shape.type_name != 'structure' or name not in shape.members:
            return {'owner': None}  # a map's key (Tags.owner): the operation's page
        shape = shape.members[name]
        while shape.type_name in ('list', 'map'):
            shape = shape.member if shape.type_name == 'list' else shape.value
    top = shape.name == session.get_service_model(model_name(service)).operation_model(operation).output_shape.name
    return {'owner': None if top else shape.name}


def main():
    # timestamps as the service sends them (epoch seconds in JSON protocols, ISO 8601 in XML ones),
    # as the examples, written with CLI v1, show them; CLI v2 would reformat them all as ISO 8601
    config = tempfile.NamedTemporaryFile('w', prefix='aws-examples-', suffix='.config', delete=False)
    config.write('[default]\ncli_timestamp_format = wire\n')
    config.close()
    for key, value in {'AWS_SECRET_ACCESS_KEY': 'secret', 'AWS_PAGER': '', 'AWS_MAX_ATTEMPTS': '1',
                       'AWS_CONFIG_FILE': config.name, 'AWS_SHARED_CREDENTIALS_FILE': '/dev/null'}.items():
        os.environ[key] = value
    session = Session()
    found, values = [], {}
    for service in sys.argv[1:]:
        model = session.get_service_model(model_name(service))
        found += examples(service, {xform_name(op, '-'): op for op in model.operation_names})
        values[service] = enums(model)
    print(json.dumps({'examples': found, 'enums': values}), flush=True)
    loader = session.get_component('data_loader')
    for line in sys.stdin:
        if line.strip():
            request = json.loads(line)
            answer = owner(session, request) if 'owner' in request else run(loader, request)
            print(json.dumps(answer), flush=True)
    os.unlink(config.name)


if __name__ == '__main__':
    main()
