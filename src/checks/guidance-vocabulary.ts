// The commands the guidance rule treats as state-changing, one row per tool. A command
// changes state when a pattern of any row matches it, after prompts, `sudo`, variable
// assignments and similar wrappers are stripped (see `commandsIn`); every other command
// counts as read-only. `readOnly` documents the forms that stay read-only;
// test/guidance-forms.test.ts pins every form of every row with an example.

export interface ToolVocabulary {
  tool: string;
  /** State-changing forms, each matched against one command. */
  changes: RegExp[];
  /** The forms of this tool that stay read-only. */
  readOnly: string;
}

/** Options between a tool's name and its verb: `-n prod`, `--context=x`, `--force`. */
const OPTIONS = String.raw`(?:\s+--?[\w.-]+(?:[= ](?!-)\S+)?)*`;

/** `tool [options] verb ...`, for any of the verbs (regex fragments). */
function verbs(tool: string, list: string[], flags = ''): RegExp {
  return new RegExp(String.raw`^${tool}${OPTIONS}\s+(?:${list.join('|')})(?![\w-])`, flags);
}

/** A command at the start of the line, for CLIs entered without a tool name (Junos, IOS, SQL). */
function bare(list: string[], flags = ''): RegExp {
  return new RegExp(String.raw`^(?:${list.join('|')})(?![\w-])`, flags);
}

export const VOCABULARY: ToolVocabulary[] = [
  {
    tool: 'kubectl',
    changes: [
      verbs('kubectl', ['delete', 'drain', 'cordon', 'uncordon', 'scale', 'autoscale', String.raw`rollout\s+(?:restart|undo|pause|resume)`, 'apply', 'edit', 'patch', 'set', 'replace', 'annotate', 'label', 'taint', 'create', 'expose', 'run']),
    ],
    readOnly: 'get, describe, logs, top, events, explain, rollout status/history, auth can-i, diff',
  },
  {
    tool: 'systemctl',
    changes: [
      verbs('systemctl', ['start', 'stop', 'restart', 'try-restart', 'reload', 'reload-or-restart', 'try-reload-or-restart', 'force-reload', 'enable', 'disable', 'reenable', 'mask', 'unmask', 'set-property', 'kill', 'isolate', 'daemon-reload', 'daemon-reexec', 'reboot', 'soft-reboot', 'kexec', 'poweroff', 'halt']),
      /^service\s+\S+\s+(?:start|stop|restart|reload|force-reload)(?![\w-])/,
    ],
    readOnly: 'status, is-active, is-enabled, list-units, show, cat; journalctl',
  },
  {
    tool: 'consul',
    changes: [
      verbs('consul', [String.raw`operator\s+raft\s+(?:remove-peer|transfer-leader)`, String.raw`kv\s+(?:put|delete|import)`, 'leave', 'force-leave', String.raw`maint(?:\s+\S+)*?\s+-(?:enable|disable)`, String.raw`snapshot\s+restore`]),
    ],
    readOnly: 'members, catalog, operator raft list-peers, kv get, info, monitor, maint (without -enable or -disable)',
  },
  {
    tool: 'nodetool',
    changes: [
      verbs('nodetool', ['compact', 'cleanup', 'drain', 'decommission', 'removenode', 'assassinate', 'repair', 'rebuild', 'move', 'flush', 'scrub', 'upgradesstables', 'garbagecollect', 'stop', 'stopdaemon', 'clearsnapshot', 'truncatehints', 'invalidate\\w*', 'set\\w+', 'disable\\w+', 'enable\\w+', 'resetlocalschema', 'refresh', 'import']),
    ],
    readOnly: 'status, info, ring, describecluster, tablestats, cfstats, tablehistograms, proxyhistograms, compactionstats, tpstats, netstats, gossipinfo, toppartitions, snapshot, listsnapshots',
  },
  {
    tool: 'etcdctl',
    changes: [
      verbs('etcdctl', ['put', 'del', 'defrag', String.raw`member\s+(?:remove|add|update|promote)`, String.raw`snapshot\s+restore`, 'move-leader', 'compact(?:ion)?', String.raw`alarm\s+disarm`, String.raw`lease\s+revoke`, 'txn']),
      // etcdutl works on the data directory: where `snapshot restore` and offline `defrag` moved in etcd 3.5.
      verbs('etcdutl', ['defrag', String.raw`snapshot\s+restore`, 'migrate']),
    ],
    readOnly: 'get, endpoint status/health, member list, alarm list, snapshot save',
  },
  {
    tool: 'aws',
    changes: [
      new RegExp(String.raw`^aws${OPTIONS}\s+[\w-]+${OPTIONS}\s+(?:delete|put|update|create|modify|change|set|terminate|stop|start(?!-query)|reboot|failover|run|restore|promote|reset|register|deregister|attach|detach|associate|disassociate|authorize|revoke|enable|disable|cancel|import)-[\w-]+`),
      new RegExp(String.raw`^aws${OPTIONS}\s+s3\s+(?:rm|mv|rb)(?![\w-])`),
      new RegExp(String.raw`^aws${OPTIONS}\s+s3\s+(?:cp|sync)(?:\s+--?\S+)*\s+\S+(?:\s+--?\S+)*\s+s3://`),
    ],
    readOnly: 'describe-*, get-*, list-*, logs start-query, s3 ls, s3 cp from s3:// to a local path',
  },
  {
    tool: 'gcloud',
    changes: [new RegExp(String.raw`^gcloud${OPTIONS}(?:\s+[\w-]+)*?\s+(?:delete|update|create|resize|stop|start|reset|set|patch|restart|failover|promote-replica|deploy|rollback)(?![\w-])`)],
    readOnly: 'describe, list, get-iam-policy, logging read',
  },
  {
    tool: 'redis-cli',
    changes: [
      verbs('redis-cli', ['FLUSHALL', 'FLUSHDB', 'DEL', 'UNLINK', 'SET', 'SETEX', 'EXPIRE', String.raw`CONFIG\s+(?:SET|REWRITE|RESETSTAT)`, 'SHUTDOWN', 'FAILOVER', String.raw`CLUSTER\s+(?:FAILOVER|FORGET|RESET|MEET|ADDSLOTS|DELSLOTS|SETSLOT)`, 'DEBUG', String.raw`CLIENT\s+KILL`, 'REPLICAOF', 'SLAVEOF', String.raw`SCRIPT\s+FLUSH`], 'i'),
      bare(['FLUSHALL', 'FLUSHDB', 'UNLINK', String.raw`CONFIG\s+(?:SET|REWRITE|RESETSTAT)`, 'FAILOVER', String.raw`CLUSTER\s+(?:FAILOVER|FORGET|RESET|MEET|ADDSLOTS|DELSLOTS|SETSLOT)`, 'DEBUG', String.raw`CLIENT\s+KILL`, 'REPLICAOF', 'SLAVEOF']),
    ],
    readOnly: 'INFO, GET, SCAN, SLOWLOG GET, LATENCY, CLIENT LIST, CLUSTER INFO/NODES, --bigkeys',
  },
  {
    tool: 'PostgreSQL tools',
    changes: [
      verbs('pg_ctl', ['promote', 'stop', 'restart', 'start', 'reload', 'kill']),
      /^pg_ctlcluster\s+\S+\s+\S+\s+(?:start|stop|restart|reload|promote)(?![\w-])/,
      /^(?:pg_rewind|pg_basebackup|pg_resetwal)(?![\w-])/,
      verbs('patronictl', ['failover', 'switchover', 'restart', 'reinit', 'remove', 'pause', 'resume', 'edit-config', 'reload']),
    ],
    readOnly: 'pg_controldata, pg_isready, pg_ctl status, patronictl list',
  },
  {
    tool: 'kafka',
    changes: [
      /^kafka-consumer-groups(?:\.sh)?\s(?=.*--reset-offsets)(?=.*--execute)/,
      /^kafka-consumer-groups(?:\.sh)?\s.*--delete(?:-offsets)?(?![\w-])/,
      /^kafka-topics(?:\.sh)?\s.*--(?:delete|alter|create)(?![\w-])/,
      /^kafka-reassign-partitions(?:\.sh)?\s.*--(?:execute|cancel)(?![\w-])/,
      // kafka-leader-election has no dry run: every invocation (it takes arguments) elects.
      /^kafka-leader-election(?:\.sh)?\s/,
      /^kafka-configs(?:\.sh)?\s.*--alter(?![\w-])/,
    ],
    readOnly: '--describe, --list, --reset-offsets --dry-run, --verify',
  },
  {
    tool: 'docker/podman',
    changes: [
      verbs('(?:docker|podman)', ['rm', 'rmi', 'kill', 'stop', 'restart', 'pause', 'unpause', 'update', String.raw`(?:system|container|image|volume|network|builder)\s+prune`, String.raw`(?:container|volume|network|image)\s+rm`, String.raw`container\s+(?:kill|stop|restart)`, String.raw`compose${OPTIONS}\s+(?:down|restart|stop|rm|up|kill)`, String.raw`swarm\s+leave`, String.raw`(?:node|service)\s+(?:rm|update|demote|scale)`]),
      // Compose v1 and podman-compose: `docker-compose -f prod.yml down`.
      verbs('(?:docker|podman)-compose', ['down', 'restart', 'stop', 'rm', 'up', 'kill']),
    ],
    readOnly: 'ps, logs, inspect, stats, top, events, images',
  },
  {
    tool: 'orchestrator-client',
    changes: [
      /^orchestrator(?:-client)?\s.*-c\s+(?:graceful-master-takeover(?:-auto)?|force-master-(?:takeover|failover)|recover(?:-lite)?|relocate(?:-replicas)?|move-\S+|make-co-master|take-master|(?:stop|start|restart|reset)-replica|detach-replica\S*|reattach-replica\S*|set-read-only|set-writeable|begin-downtime|end-downtime|register-candidate|forget|(?:disable|enable)-global-recoveries|kill-query)(?![\w-])/,
    ],
    readOnly: '-c clusters, topology, which-master, which-replicas, instance, replication-analysis',
  },
  {
    tool: 'git',
    changes: [new RegExp(String.raw`^git${OPTIONS}\s+push\s(?:.*\s)?(?:--force(?:-with-lease)?|-f|--delete|-d|--prune|--mirror|\+\S+|:\S+)(?![\w-])`)],
    readOnly: 'log, show, diff, status, fetch, push without --force, --delete, --prune, --mirror or a +ref or :ref refspec',
  },
  {
    tool: 'terraform',
    changes: [verbs('terraform', ['apply', 'destroy', 'refresh', 'import', 'taint', 'untaint', 'force-unlock', String.raw`state\s+(?:rm|mv|push|replace-provider)`, String.raw`workspace\s+(?:new|delete)`])],
    readOnly: 'init, plan, show, validate, output, state list/show',
  },
  {
    tool: 'BIRD',
    changes: [verbs('birdc', [String.raw`configure(?!\s+check\b)`, 'enable', 'disable', 'restart', 'reload', 'down', String.raw`graceful\s+restart`])],
    readOnly: 'birdc show ..., birdc configure check',
  },
  {
    tool: 'processes and files',
    changes: [/^(?:rm|shred|truncate|pkill|killall|reboot|poweroff|halt)(?![\w-])/, /^kill(?!\s+-(?:0|l)\b)(?![\w-])/],
    readOnly: 'ps, top, lsof, ls, df, du, cat, kill -0',
  },
  {
    tool: 'iptables/nft',
    changes: [
      /^ip6?tables(?:-legacy|-nft)?\s(?:.*\s)?(?:-[ADIFRPXNZE]|--(?:append|delete|insert|flush|replace|policy|delete-chain|new-chain|rename-chain|zero))(?![\w-])/,
      /^ip6?tables(?:-legacy|-nft)?-restore(?![\w-])/,
      /^nft\s(?:.*\s)?(?:add|delete|flush|insert|replace|create|destroy)(?![\w-])/,
    ],
    readOnly: 'iptables -L, -S, -C; nft list',
  },
  {
    tool: 'ip/sysctl/tc',
    changes: [
      new RegExp(String.raw`^ip${OPTIONS}\s+(?:link\s+(?:set|add|del|delete)|a(?:ddr(?:ess)?)?\s+(?:add|del|flush|change|replace)|r(?:oute)?\s+(?:add|del|replace|change|flush)|rule\s+(?:add|del|flush)|neigh\s+(?:add|del|flush|replace|change)|netns\s+(?:add|delete))(?![\w-])`),
      /^sysctl\s(?:.*\s)?(?:-w|--write|-p|--load|--system)(?![\w-])/,
      /^sysctl(?:\s+-\S+)*\s+[\w./-]+=/,
      new RegExp(String.raw`^tc${OPTIONS}\s+(?:qdisc|class|filter)\s+(?:add|del|delete|change|replace|link)(?![\w-])`),
    ],
    readOnly: 'ip addr/link/route show, sysctl KEY, tc qdisc show, tc -s qdisc',
  },
  {
    tool: 'curl',
    changes: [
      /^curl\s(?:.*\s)?(?:-X\s*|--request[= ])['"]?(?:POST|PUT|PATCH|DELETE)\b/,
      // Data makes a POST, unless -G (--get) puts it in the query string: `curl -G --data-urlencode 'query=up' .../api/v1/query`.
      /^curl\s(?!(?:.*\s)?(?:-[a-zA-Z]*G[a-zA-Z]*|--get)\s)(?:.*\s)?(?:-d|--data(?:-[\w-]+)?|--json|-F|--form(?:-string)?|-T|--upload-file)(?![\w-])/,
    ],
    readOnly: 'curl URL (GET), curl -I, curl -v, curl -G with --data',
  },
  {
    tool: 'Junos',
    changes: [
      bare([String.raw`commit(?!\s+check\b)`, 'rollback', 'deactivate', 'activate', 'delete', 'set', 'insert', 'rename', String.raw`load\s+(?:override|merge|replace|set|patch)`, String.raw`request\s+system\s+(?:reboot|halt|power-off|zeroize|software\s+add)`, String.raw`clear\s+bgp\s+neighbor`, 'restart']),
    ],
    readOnly: 'show ..., show | compare, commit check, monitor, ping, traceroute',
  },
  {
    tool: 'Cisco IOS',
    changes: [
      bare(['shutdown', String.raw`no\s+(?:shutdown|ip|ipv6|router|neighbor|interface|vlan|spanning-tree|switchport|access-list|route-map)`, String.raw`neighbor\s+\S+\s+shutdown`, String.raw`clear\s+(?:ip\s+)?bgp`, 'reload', String.raw`write(?:\s+(?:memory|erase))?`, String.raw`copy\s+running-config\s+startup-config`, String.raw`configure\s+(?:terminal|replace)`]),
    ],
    readOnly: 'show ..., ping, traceroute',
  },
  {
    tool: 'SQL',
    changes: [
      bare(['DROP', 'ALTER', 'TRUNCATE', 'DELETE', 'UPDATE', 'INSERT', 'CREATE', 'GRANT', 'REVOKE', String.raw`VACUUM\s+(?:FULL|\([^)]*\bFULL\b)`, String.raw`KILL\s+(?:QUERY\s+|CONNECTION\s+)?\d+`, 'REINDEX', String.raw`REFRESH\s+MATERIALIZED`], 'i'),
      /\b(?:pg_terminate_backend|pg_cancel_backend|pg_promote|pg_reload_conf|setval|nextval|pg_drop_replication_slot|pg_wal_replay_(?:pause|resume))\s*\(/i,
    ],
    readOnly: 'SELECT from tables and views (pg_stat_activity, pg_stat_replication), EXPLAIN, SHOW',
  },
  {
    tool: 'MySQL',
    changes: [
      bare([String.raw`(?:STOP|START)\s+(?:REPLICA|SLAVE)`, String.raw`RESET\s+(?:MASTER|REPLICA|SLAVE|BINARY)`, String.raw`CHANGE\s+(?:REPLICATION\s+SOURCE|MASTER)\s+TO`, String.raw`SET\s+(?:@@)?(?:GLOBAL|PERSIST(?:_ONLY)?)`, 'FLUSH', String.raw`PURGE\s+BINARY\s+LOGS`], 'i'),
    ],
    readOnly: 'SHOW REPLICA STATUS, SHOW PROCESSLIST, SELECT from performance_schema',
  },
];

/**
 * A wrapper's options. Only the short flags in `short` and the long ones in `long` take the next
 * word as their value (`sudo -u postgres`); any other flag stands alone (`sudo -E`, `xargs -r`),
 * so the command after it is not taken for its value.
 */
function wrapperOptions(short: string, long: string[]): string {
  return String.raw`(?:\s+(?:-[A-Za-z]*[${short}]\s*(?!-)\S+|--(?:${long.join('|')})[= ](?!-)\S+|--?[\w.-]+(?:=\S+)?))*`;
}

// Wrappers that run the command after them: `sudo -u postgres`, `FOO=1`, `watch -n 1`.
const WRAPPER = new RegExp(
  String.raw`^(?:${[
    `sudo${wrapperOptions('ugphCDRrtTU', ['user', 'group'])}`,
    `env${wrapperOptions('uC', ['unset', 'chdir'])}`,
    'nohup',
    'exec',
    'time',
    `xargs${wrapperOptions('adEILnPs', ['max-args', 'max-procs'])}`,
    `watch${wrapperOptions('n', ['interval'])}`,
    String.raw`timeout${wrapperOptions('sk', ['signal', 'kill-after'])}\s+\d+\w?`,
    String.raw`[A-Za-z_]\w*=\S*`,
  ].join('|')})\s+`,
);
// A shell, router or database prompt before the command: `$`, `user@router>`, `router(config)#`, `postgres=#`, `[root@db-1 ~]#`.
const PROMPT = /^(?:\[[^\]]*\][$#]\s+|[\w.@:~/()[\]=-]*[$%>#]\s+)/;
const COMMENT = /^(?:#|--|\/\/)/;
// Tools whose quoted arguments are commands in their own right: `ssh host 'systemctl restart x'`, `psql -c "..."`.
const RUNS_QUOTED = /^(?:ssh|bash|sh|zsh|su|psql|mysql|mariadb|sqlite3|cqlsh|mongosh|clickhouse-client)(?![\w-])/;

/** `text` cut at `&&`, `||`, `|`, `;`, `$(` and backquotes outside quotes: `mysql -e "STOP REPLICA;"` stays one piece. */
function pieces(text: string): string[] {
  const out = [''];
  for (const [token, separator] of text.matchAll(/"[^"]*"|'[^']*'|(&&|\$\(|[|;`])|[^]/g)) {
    if (separator) out.push('');
    else out[out.length - 1] += token;
  }
  return out;
}

/** The single commands in a code span or block: one per line and per `&&`, `|` or `;`, wrappers stripped. */
export function commandsIn(code: string): string[] {
  const out: string[] = [];
  // Each inner command is a strict part of the one around it, so the reading ends.
  const add = (text: string) => {
    for (const piece of pieces(text)) {
      let command = piece.trim();
      // The closing parenthesis of a `$(...)` split off above.
      if ((command.match(/\)/g) ?? []).length > (command.match(/\(/g) ?? []).length) command = command.replace(/\)\s*$/, '');
      for (let before = ''; before !== command; ) {
        before = command;
        command = command.replace(WRAPPER, '').replace(/^(['"])(.*)\1$/, '$2');
      }
      if (command) out.push(command);
      // What runs inside, at any depth: `kubectl exec pod -- psql -c "DROP TABLE x"`, `ssh host 'systemctl restart x'`.
      const after = / -- (.+)$/.exec(command)?.[1];
      if (after) add(after);
      if (!RUNS_QUOTED.test(command)) continue;
      for (const quoted of command.matchAll(/"([^"]+)"|'([^']+)'/g)) add(quoted[1] ?? quoted[2]!);
    }
  };
  for (const line of code.replace(/\\\r?\n/g, ' ').split('\n')) {
    const trimmed = line.trim();
    if (!trimmed || COMMENT.test(trimmed)) continue;
    add(trimmed.replace(PROMPT, ''));
  }
  return out;
}

/** The first state-changing command in the code and the tool it belongs to, if any. */
export function stateChanging(code: string): { command: string; tool: string } | undefined {
  for (const command of commandsIn(code)) {
    const row = VOCABULARY.find((r) => r.changes.some((p) => p.test(command)));
    if (row) return { command, tool: row.tool };
  }
  return undefined;
}
