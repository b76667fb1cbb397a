// The guidance rule: its vocabulary of state-changing commands, pinned tool by tool, and
// bad guidance sections in the fixture timeline, each with its one finding and line.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { commandsIn, stateChanging, VOCABULARY } from '../src/checks/guidance-vocabulary.ts';
import { edit, lineOf, makeAtlas, onlyFinding, read, TIMELINE } from './helpers.ts';

// One row per tool of the vocabulary: a command that changes state and one that does not.
const examples: { tool: string; changes: string; readOnly: string }[] = [
  { tool: 'kubectl', changes: 'kubectl -n prod drain node-1 --ignore-daemonsets', readOnly: 'kubectl -n prod get pods -o wide' },
  { tool: 'systemctl', changes: 'sudo systemctl restart etcd', readOnly: 'systemctl status etcd' },
  { tool: 'consul', changes: 'consul operator raft remove-peer -address=10.0.0.5:8300', readOnly: 'consul operator raft list-peers' },
  { tool: 'nodetool', changes: 'nodetool -h 10.0.0.5 compact -st 0 -et 100 keyspace table', readOnly: 'nodetool tablestats keyspace.table' },
  { tool: 'etcdctl', changes: 'ETCDCTL_API=3 etcdctl --endpoints=https://10.0.0.1:2379 defrag', readOnly: 'etcdctl -w table endpoint --cluster status' },
  { tool: 'aws', changes: 'aws rds failover-db-cluster --db-cluster-identifier main', readOnly: 'aws rds describe-db-clusters --db-cluster-identifier main' },
  { tool: 'gcloud', changes: 'gcloud compute instances stop vm-1 --zone us-east1-b', readOnly: 'gcloud compute instances describe vm-1 --zone us-east1-b' },
  { tool: 'redis-cli', changes: 'redis-cli -h cache-1 -p 6379 CONFIG SET maxmemory 2gb', readOnly: 'redis-cli -h cache-1 -p 6379 INFO replication' },
  { tool: 'PostgreSQL tools', changes: 'pg_ctl -D /var/lib/postgresql/data promote', readOnly: 'pg_controldata /var/lib/postgresql/data' },
  { tool: 'kafka', changes: 'kafka-consumer-groups.sh --bootstrap-server b:9092 --group g --reset-offsets --to-latest --topic t --execute', readOnly: 'kafka-consumer-groups.sh --bootstrap-server b:9092 --group g --reset-offsets --to-latest --topic t --dry-run' },
  { tool: 'docker/podman', changes: 'docker system prune -af', readOnly: 'docker ps --filter status=restarting' },
  { tool: 'orchestrator-client', changes: 'orchestrator-client -c graceful-master-takeover -a main -d db-2:3306', readOnly: 'orchestrator-client -c topology -i db-1:3306' },
  { tool: 'git', changes: 'git push --force origin main', readOnly: 'git push origin main' },
  { tool: 'terraform', changes: 'terraform apply tfplan', readOnly: 'terraform plan -out=tfplan' },
  { tool: 'BIRD', changes: 'birdc configure timeout', readOnly: 'birdc configure check' },
  { tool: 'processes and files', changes: 'rm -rf /var/lib/etcd/member', readOnly: 'kill -0 4242' },
  { tool: 'iptables/nft', changes: 'iptables -A INPUT -p tcp --dport 2379 -j DROP', readOnly: 'iptables -L INPUT -n -v' },
  { tool: 'ip/sysctl/tc', changes: 'ip link set eth0 down', readOnly: 'ip -s link show eth0' },
  { tool: 'curl', changes: 'curl -X POST https://api.example.com/failover', readOnly: 'curl -sv https://api.example.com/health' },
  { tool: 'Junos', changes: 'commit confirmed 5', readOnly: 'commit check' },
  { tool: 'Cisco IOS', changes: 'neighbor 192.0.2.1 shutdown', readOnly: 'show ip bgp summary' },
  { tool: 'SQL', changes: 'SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE state = \'idle\';', readOnly: 'SELECT pid, state FROM pg_stat_activity;' },
  { tool: 'MySQL', changes: 'STOP REPLICA;', readOnly: 'SHOW REPLICA STATUS\\G' },
];

test('every tool of the vocabulary has an example row', () => {
  assert.deepEqual(examples.map((e) => e.tool).sort(), VOCABULARY.map((v) => v.tool).sort());
});

for (const e of examples) {
  test(`vocabulary: ${e.tool}`, () => {
    assert.equal(stateChanging(e.changes)?.tool, e.tool, `${e.changes} changes state`);
    assert.equal(stateChanging(e.readOnly), undefined, `${e.readOnly} is read-only`);
  });
}

test('commands are found behind prompts, wrappers, pipes and remote shells', () => {
  assert.deepEqual(commandsIn('$ sudo -u postgres psql\nuser@router# commit\n# a comment'), ['psql', 'commit']);
  assert.equal(stateChanging('kubectl get pods -o name | xargs kubectl delete')?.tool, 'kubectl');
  assert.equal(stateChanging("ssh db-1 'sudo systemctl stop postgresql'")?.tool, 'systemctl');
  assert.equal(stateChanging('psql -c "DROP TABLE events"')?.tool, 'SQL');
  assert.equal(stateChanging('kubectl exec -it redis-0 -- redis-cli FLUSHALL')?.tool, 'redis-cli');
  assert.equal(stateChanging('127.0.0.1:6379> FLUSHALL')?.tool, 'redis-cli');
  assert.equal(stateChanging('aws s3 cp ./dump.sql s3://backups/dump.sql')?.tool, 'aws');
  assert.equal(stateChanging('aws s3 cp s3://backups/dump.sql ./dump.sql'), undefined);
  assert.equal(stateChanging('grep "delete" /var/log/app.log'), undefined, 'a quoted word is not a command');
});

const SECTION = /## What to check first\n[\s\S]*$/;
const CAUTION = (lines: string[]) => lines.map((l) => `> ${l}`.trimEnd()).join('\n');
const GOOD_BLOCK = CAUTION(['[!CAUTION]', '**Changes state.** Reloads the zone.', '**Safeguard:** `named-checkconf -z` prints no error.', '**Undo:** put the previous zone file back and reload.', '', '`systemctl reload named`']);

interface BadGuidance {
  name: string;
  section: string;
  message: RegExp;
  /** Text on the line the finding must point at. */
  at: string;
}

const bad: BadGuidance[] = [
  {
    name: 'the first step changes state',
    section: `## What to check first\n\n${GOOD_BLOCK}\n\n1. Ask each server for its serial.\n`,
    message: /the first step of "## What to check first" changes state/,
    at: '[!CAUTION]',
  },
  {
    name: 'the first item of the list changes state',
    section: `## What to check first\n\nGuidance for a broken zone.\n\n1. Reload it: \`systemctl reload named\`.\n2. Ask each server for its serial.\n`,
    message: /the first step .* changes state/,
    at: '1. Reload it',
  },
  {
    name: 'an unmarked command in a list',
    section: `## What to check first\n\n1. Ask each server for its serial.\n2. Then reload: \`systemctl reload named\`.\n`,
    message: /"systemctl reload named" changes state \(systemctl\) but is not in a > \[!CAUTION\] block/,
    at: '2. Then reload',
  },
  {
    name: 'an unmarked command in a code block, at its own line',
    section: '## What to check first\n\nLook, then act:\n\n```sh\nsystemctl status named\nkubectl -n dns rollout restart deploy/coredns\n```\n',
    message: /"kubectl -n dns rollout restart deploy\/coredns" changes state \(kubectl\)/,
    at: 'rollout restart',
  },
  {
    name: 'a CAUTION block without Safeguard',
    section: `## What to check first\n\nLook first.\n\n${CAUTION(['[!CAUTION]', '**Changes state.** Reloads the zone.', '**Undo:** reload the old file.', '', '`systemctl reload named`'])}\n`,
    message: /no "Safeguard:"/,
    at: '[!CAUTION]',
  },
  {
    name: 'a CAUTION block whose command comes before its Safeguard',
    section: `## What to check first\n\nLook first.\n\n${CAUTION(['[!CAUTION]', '**Changes state.** Run `systemctl reload named` to reload.', '**Safeguard:** check the file.', '**Undo:** reload the old file.'])}\n`,
    message: /"systemctl reload named" comes before the block's "Safeguard:"/,
    at: 'Run `systemctl reload named`',
  },
  {
    name: 'a CAUTION block without Undo',
    section: `## What to check first\n\nLook first.\n\n${CAUTION(['[!CAUTION]', '**Changes state.** Reloads the zone.', '**Safeguard:** check the file.', '', '`systemctl reload named`'])}\n`,
    message: /no "Undo:"/,
    at: '[!CAUTION]',
  },
  {
    name: 'a WARNING alert does not mark a state-changing step',
    section: `## What to check first\n\nLook first.\n\n${GOOD_BLOCK.replace('[!CAUTION]', '[!WARNING]')}\n`,
    message: /"systemctl reload named" changes state/,
    at: '`systemctl reload named`',
  },
  {
    name: 'a "## Checks" section is guidance too',
    section: `## What to check first\n\nLook first.\n\n## Checks\n\nLook at \`etcdctl endpoint status\`.\n\nThen \`etcdctl defrag\`.\n`,
    message: /"etcdctl defrag" changes state \(etcdctl\)/,
    at: 'Then `etcdctl defrag`',
  },
  {
    name: 'an "## Adopting it" section (production practices) is guidance too',
    section: `## What to check first\n\nLook first.\n\n## Adopting it\n\nStart with \`kubectl get pods\`.\n\nThen \`kubectl delete pod web-1\`.\n`,
    message: /"kubectl delete pod web-1" changes state \(kubectl\)/,
    at: 'Then `kubectl delete pod web-1`',
  },
];

for (const c of bad) {
  test(`guidance: ${c.name}`, async () => {
    const dir = makeAtlas();
    edit(dir, TIMELINE, (t) => t.replace(SECTION, c.section));
    const f = await onlyFinding(dir);
    assert.equal(f.rule, 'guidance');
    assert.match(f.message, c.message);
    assert.equal(f.file, TIMELINE);
    assert.equal(f.line, lineOf(read(dir, TIMELINE), c.at), `line of ${c.at}`);
    assert.ok(f.fix, 'says how to fix it');
  });
}
