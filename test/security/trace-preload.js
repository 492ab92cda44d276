// Preloaded (node -r) into the CLI or the language server by the trace test: records
// every process spawn, network use and file access made through Node's modules to the
// file named by DRSPEC_TRACE, one JSON line each. It wraps the functions on the module
// objects before the bundle loads them, so the bundle's calls go through the wrappers.
'use strict';
const fs = require('fs');
const out = process.env.DRSPEC_TRACE;
const write = fs.writeSync.bind(fs);
const openOriginal = fs.openSync.bind(fs);
const fd = out ? openOriginal(out, 'a') : undefined;

function record(kind, detail) {
  if (fd === undefined) return;
  try {
    write(fd, JSON.stringify({ kind, detail: String(detail) }) + '\n');
  } catch {
    // Tracing must never change what the traced process does.
  }
}

function wrap(object, name, kind, describe) {
  const original = object[name];
  if (typeof original !== 'function') return;
  object[name] = function traced(...args) {
    record(kind, describe ? describe(args) : `${name} ${typeof args[0] === 'string' || Buffer.isBuffer(args[0]) || args[0] instanceof URL ? args[0] : ''}`);
    return original.apply(this, args);
  };
}

const childProcess = require('child_process');
for (const name of ['spawn', 'spawnSync', 'exec', 'execSync', 'execFile', 'execFileSync', 'fork']) wrap(childProcess, name, 'spawn', (a) => `${name} ${a[0]}`);

const net = require('net');
for (const name of ['connect', 'createConnection', 'createServer']) wrap(net, name, 'network', (a) => `net.${name} ${JSON.stringify(a[0])}`);
wrap(net.Socket.prototype, 'connect', 'network', (a) => `socket.connect ${JSON.stringify(a[0])}`);
for (const mod of ['http', 'https', 'http2', 'tls', 'dgram']) {
  const m = require(mod);
  for (const name of ['request', 'get', 'connect', 'createSocket', 'createServer']) wrap(m, name, 'network', () => `${mod}.${name}`);
}
const dns = require('dns');
for (const name of ['lookup', 'resolve', 'resolve4', 'resolve6']) wrap(dns, name, 'network', (a) => `dns.${name} ${a[0]}`);

const reads = ['openSync', 'open', 'readFileSync', 'readFile', 'createReadStream', 'readdirSync', 'readdir', 'opendirSync', 'opendir'];
const writes = ['writeFileSync', 'writeFile', 'appendFileSync', 'appendFile', 'createWriteStream', 'renameSync', 'rename', 'unlinkSync', 'unlink', 'rmSync', 'rm', 'mkdirSync', 'mkdir', 'copyFileSync', 'copyFile', 'symlinkSync', 'symlink', 'chmodSync', 'chmod'];
for (const name of reads) wrap(fs, name, 'read', (a) => (typeof a[0] === 'number' ? `fd ${a[0]}` : a[0]));
for (const name of writes) wrap(fs, name, 'write', (a) => (typeof a[0] === 'number' ? `fd ${a[0]}` : a[0]));
for (const name of ['open', 'readFile', 'readdir', 'opendir']) wrap(fs.promises, name, 'read', (a) => a[0]);
for (const name of ['writeFile', 'appendFile', 'rename', 'unlink', 'rm', 'mkdir', 'copyFile', 'symlink', 'chmod']) wrap(fs.promises, name, 'write', (a) => a[0]);
