/**
 * Technical snippets for hard-negative posts: code, configs, logs and stack traces full of
 * @-signs, numbers, hosts and ids that are not personal information. Each has a note saying why
 * it is tricky.
 */
export interface TechBlock {
  lang: string;
  text: string;
  note: string;
}

export const TECH: TechBlock[] = [
  {
    lang: 'json',
    note: 'npm scopes (@types/node), pkg@version, semver ranges',
    text: '{\n  "name": "@acme/dashboard",\n  "version": "2.14.3",\n  "dependencies": {\n    "@angular/core": "^17.1.2",\n    "@types/node": "20.11.30",\n    "rxjs": "~7.8.1"\n  },\n  "engines": { "node": ">=18.17.0" }\n}',
  },
  {
    lang: 'text',
    note: 'npm error with pkg@1.2.3 and peer ranges',
    text: 'npm ERR! code ERESOLVE\nnpm ERR! ERESOLVE unable to resolve dependency tree\nnpm ERR! While resolving: my-app@0.1.0\nnpm ERR! Found: react@18.2.0\nnpm ERR! Could not resolve dependency:\nnpm ERR! peer react@"^16.8.0 || ^17.0.0" from react-beautiful-dnd@13.1.1',
  },
  {
    lang: 'ts',
    note: 'decorators (@Component, @Injectable, @Input)',
    text: "@Component({\n  selector: 'app-user-card',\n  templateUrl: './user-card.component.html',\n})\nexport class UserCardComponent {\n  @Input() userId!: number;\n  @Output() selected = new EventEmitter<number>();\n}\n\n@Injectable({ providedIn: 'root' })\nexport class ApiService {}",
  },
  {
    lang: 'python',
    note: 'Python decorators and numeric literals',
    text: '@dataclass(frozen=True)\nclass Reading:\n    sensor_id: int = 40213\n    value: float = 0.0\n\n@app.route("/api/v2/readings/<int:rid>", methods=["GET"])\n@login_required\ndef get_reading(rid):\n    return jsonify(db.get(rid, timeout=30))',
  },
  {
    lang: 'java',
    note: 'Java annotations and a stack trace with line numbers',
    text: 'java.lang.NullPointerException: Cannot invoke "String.length()" because "s" is null\n\tat com.example.shop.OrderService.total(OrderService.java:142)\n\tat com.example.shop.OrderController.checkout(OrderController.java:88)\n\tat java.base/java.lang.Thread.run(Thread.java:1583)',
  },
  {
    lang: 'css',
    note: 'CSS at-rules (@media, @import, @font-face, @keyframes), logo@2x.png',
    text: "@import url('https://fonts.example.com/css2?family=Inter:wght@400;700');\n\n@media (max-width: 768px) and (min-resolution: 2dppx) {\n  .logo { background-image: url('/img/logo@2x.png'); width: 120px; }\n}\n\n@font-face { font-family: 'Brand'; src: url('/fonts/brand-400.woff2'); }\n@keyframes spin { from { transform: rotate(0deg); } to { transform: rotate(360deg); } }",
  },
  {
    lang: 'bash',
    note: 'git@github.com SSH remote, shell prompt root@server',
    text: 'root@server:~# git clone git@github.com:acme-org/billing-service.git\nCloning into \'billing-service\'...\nPermission denied (publickey).\nfatal: Could not read from remote repository.\nroot@server:~# ssh -T git@github.com\nroot@server:~# echo $?\n255',
  },
  {
    lang: 'bash',
    note: 'shell prompt pi@raspberrypi, IPs, ports',
    text: 'pi@raspberrypi:~ $ sudo ss -tlnp | grep 8080\nLISTEN 0 511 0.0.0.0:8080 0.0.0.0:* users:(("node",pid=1432,fd=19))\npi@raspberrypi:~ $ curl -I http://192.168.178.23:8080/health\nHTTP/1.1 503 Service Unavailable',
  },
  {
    lang: 'text',
    note: 'log lines with ISO timestamps, request ids, durations',
    text: '2024-03-15T14:22:31.123Z INFO  [pool-3-thread-1] GET /api/orders/88412 200 231ms\n2024-03-15T14:22:31.877Z WARN  [pool-3-thread-4] retry 2/5 upstream=10.0.3.17:5432 latency=1804ms\n2024-03-15T14:22:32.004Z ERROR [pool-3-thread-4] request_id=7f3c2a9e-1b4d-4c8e-9a61-2f0e5d7b8c11 failed',
  },
  {
    lang: 'text',
    note: 'syslog with PIDs, kernel version, MAC address',
    text: 'Mar 15 03:12:44 nas01 kernel: [1843201.552310] r8169 0000:03:00.0 enp3s0: Link is Up - 1Gbps/Full\nMar 15 03:12:45 nas01 dhclient[2211]: DHCPACK of 192.168.1.54 from 192.168.1.1\nMar 15 03:12:45 nas01 systemd[1]: Started Samba SMB Daemon (6.5.0-21-generic).\nether 3c:7c:3f:1a:9b:02',
  },
  {
    lang: 'text',
    note: 'git log with commit hashes and dates',
    text: 'commit 9fceb02d0ae598e95dc970b74767f19372d61af8\nDate:   Fri Mar 15 10:41:07 2024 +0100\n\n    fix: round totals to 2 decimals (#4821)\n\na1b2c3d Merge pull request #4820 from feature/rounding',
  },
  {
    lang: 'yaml',
    note: 'docker-compose ports, image tags, versions',
    text: 'services:\n  db:\n    image: postgres:16.2-alpine\n    ports:\n      - "5432:5432"\n  web:\n    image: ghcr.io/acme/web@sha256:4f2a9c0e1d7b3a5e\n    ports:\n      - "3000:3000"\n    environment:\n      - CACHE_TTL=86400\n      - MAX_UPLOAD_MB=25',
  },
  {
    lang: 'js',
    note: 'unix timestamps in seconds and milliseconds, big constants',
    text: 'const created = 1710512551;       // seconds\nconst updated = 1710512551000;    // ms\nconst MAX_U32 = 4294967295;\nconsole.log(new Date(created * 1000).toISOString()); // 2024-03-15T14:22:31.000Z',
  },
  {
    lang: 'sql',
    note: 'SQL with ids, limits and dates',
    text: "SELECT id, total, created_at\nFROM orders\nWHERE customer_id = 20871 AND created_at >= '2024-01-01'\nORDER BY created_at DESC\nLIMIT 50 OFFSET 100;\n-- 37 rows in set (0.014 sec)",
  },
  {
    lang: 'text',
    note: 'UUIDs and hex ids',
    text: 'Device ID: 550e8400-e29b-41d4-a716-446655440000\nSession:   6ba7b810-9dad-11d1-80b4-00c04fd430c8\nSerial:    C02XK1ZJJG5J\nChecksum:  d41d8cd98f00b204e9800998ecf8427e',
  },
  {
    lang: 'text',
    note: 'Windows build numbers, error codes, KB numbers',
    text: 'OS build 22631.3155, version 23H2\nUpdate KB5034765 failed with 0x800f0922\nEvent ID 1001, Bucket 2271484931418425573, type 5',
  },
  {
    lang: 'text',
    note: 'Python traceback with file paths and line numbers',
    text: 'Traceback (most recent call last):\n  File "/srv/app/main.py", line 214, in <module>\n    run(port=8000, workers=4)\n  File "/srv/app/server.py", line 57, in run\n    sock.bind(("0.0.0.0", port))\nOSError: [Errno 98] Address already in use',
  },
  {
    lang: 'text',
    note: 'Node stack trace, localhost port, pkg@version in path',
    text: "Error: connect ECONNREFUSED 127.0.0.1:6379\n    at TCPConnectWrap.afterConnect [as oncomplete] (node:net:1595:16)\n    at Object.<anonymous> (/home/app/node_modules/ioredis@5.3.2/built/Redis.js:170:41)\n    at process.processTicksAndRejections (node:internal/process/task_queues:95:5)",
  },
  {
    lang: 'text',
    note: 'IPv4/IPv6 addresses, CIDR, traceroute timings',
    text: 'traceroute to 203.0.113.45, 30 hops max\n 1  192.168.0.1  1.234 ms  0.998 ms\n 2  10.20.0.1  8.501 ms  8.112 ms\n 3  2001:db8:85a3::8a2e:370:7334  12.870 ms\nallowlist: 198.51.100.0/24, 2001:db8::/32',
  },
  {
    lang: 'ini',
    note: 'config with ports, timeouts, version pins, user@host in DSN without being an email',
    text: '[database]\nurl = postgres://app:secret@db.internal:5432/shop\npool_size = 20\ntimeout_ms = 30000\n\n[smtp]\nhost = smtp.example.com\nport = 587',
  },
  {
    lang: 'text',
    note: 'Docker image digests, pkg@1.2.3 versions and ports',
    text: 'Step 4/9 : RUN npm install -g pnpm@8.15.4\n ---> Running in 3f1e2d4c5b6a\nSuccessfully built 7d9c1b2a3e4f\nSuccessfully tagged registry.example.com/acme/api:1.42.0\n0.0.0.0:49153->8080/tcp',
  },
  {
    lang: 'text',
    note: 'Arduino / electronics: part numbers, baud rates, pin numbers',
    text: 'Board: ESP32-WROOM-32E, sensor BME280 on pins 21/22\nSerial.begin(115200);\nDS18B20 at 0x28FF641E851603A2\nRegulator AMS1117-3.3, caps 10uF / 100nF, R1 = 4.7k',
  },
  {
    lang: 'text',
    note: 'cron lines and HTTP status codes',
    text: '*/15 * * * * /usr/local/bin/backup.sh >> /var/log/backup.log 2>&1\n0 3 * * 1-5 /opt/scripts/rotate --keep 14\nHTTP 429 Too Many Requests, Retry-After: 3600',
  },
  {
    lang: 'text',
    note: 'spreadsheet-style numbers: totals, percentages, account codes',
    text: 'Q1 2024   1.254.300   +12,4%\nQ2 2024   1.198.750    -4,4%\nKonto 4400  Erlöse 19% USt\nKonto 1800  Bank',
  },
  {
    lang: 'text',
    note: 'GPS track points with coordinates and elevation',
    text: '<trkpt lat="47.376887" lon="8.541694"><ele>408.2</ele><time>2024-06-02T07:14:03Z</time></trkpt>\n<trkpt lat="47.377012" lon="8.542215"><ele>409.0</ele><time>2024-06-02T07:14:11Z</time></trkpt>',
  },
];
