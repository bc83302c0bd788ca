#!/usr/bin/env python3
"""Writes the table of filter names AWS documents for each EC2 operation that takes Filters.

The names come from the EC2 service model that botocore ships (the AWS CLI's copy): each
operation's Filters member documents its filters as an HTML list whose items start with
<code>name</code>. One line per operation: the operation, then its filter names, space separated.

  python3 stratus-ec2/tools/documented_filters.py > stratus-ec2/src/test/resources/ec2-documented-filters.txt
"""
import glob
import html
import json
import re
import sys

DEFAULT = '/usr/lib/python3/dist-packages/awscli/botocore/data/ec2/*/service-2.json'
ITEM = re.compile(r'<li>\s*(?:<p>)?\s*<code>([^<]+)</code>')


def filter_names(doc):
    names = []
    for raw in ITEM.findall(doc):
        name = html.unescape(raw).strip()
        if name == 'tag' or name.startswith('tag:'):
            name = 'tag:<key>'  # written <code>tag</code>:&lt;key&gt; or <code>tag:&lt;key&gt;</code>
        if re.fullmatch(r'[a-zA-Z][a-zA-Z0-9.:_<>\-]*', name) and name not in names:
            names.append(name)
    return names


def main():
    path = sys.argv[1] if len(sys.argv) > 1 else sorted(glob.glob(DEFAULT))[-1]
    model = json.load(open(path))
    print('# EC2 filter names as documented in botocore ' + model['metadata'].get('apiVersion', '')
          + ' (stratus-ec2/tools/documented_filters.py); one operation per line.')
    for op_name in sorted(model['operations']):
        op = model['operations'][op_name]
        if 'input' not in op:
            continue
        members = model['shapes'][op['input']['shape']].get('members', {})
        member = members.get('Filters') or members.get('Filter')
        if member is None or 'documentation' not in member:
            continue
        names = filter_names(member['documentation'])
        if names:
            print(op_name + ' ' + ' '.join(names))


if __name__ == '__main__':
    main()
