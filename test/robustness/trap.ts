/**
 * Preloaded with `node --require` into a CLI or server process by the security tests: every way
 * of opening a connection, starting a process or writing a file is replaced by a stub that
 * records the call (and throws, for network and processes), and every module loaded from the
 * watched folder (the user's skill) is recorded. The record is kept in SPL_TRAP_LOG.
 */
/* eslint-disable @typescript-eslint/no-explicit-any */
import * as fs from 'fs';
import Module = require('module');

const logFile = process.env.SPL_TRAP_LOG;
const watch = process.env.SPL_TRAP_WATCH;
const calls: string[] = [];
const writeFile = fs.writeFileSync.bind(fs);
// Written at start and after every call: a server stopped by a signal leaves its record too.
const writeLog = () => {
  if (logFile) writeFile(logFile, JSON.stringify(calls));
};
writeLog();
const record = (call: string) => {
  calls.push(call);
  writeLog();
};

function trap(obj: any, name: string, label: string, mode: 'throw' | 'record'): void {
  const original = obj[name];
  if (typeof original !== 'function') return;
  obj[name] = function (this: unknown, ...args: unknown[]) {
    record(`${label}(${args.slice(0, 2).map((a) => (typeof a === 'string' ? a : typeof a === 'object' && a !== null ? (JSON.stringify(a) ?? '').slice(0, 80) : String(a))).join(', ')})`);
    if (mode === 'throw') throw new Error(`trapped: ${label}`);
    return original.apply(this, args);
  };
}

const net = require('net');
const http = require('http');
const https = require('https');
const dns = require('dns');
const cp = require('child_process');
const nodeFs = require('fs');
const vm = require('vm');
for (const n of ['connect', 'createConnection']) trap(net, n, `net.${n}`, 'throw');
trap(net.Socket.prototype, 'connect', 'net.Socket.prototype.connect', 'throw');
for (const n of ['request', 'get']) {
  trap(http, n, `http.${n}`, 'throw');
  trap(https, n, `https.${n}`, 'throw');
}
for (const n of ['lookup', 'resolve', 'resolve4', 'resolve6', 'lookupService']) trap(dns, n, `dns.${n}`, 'throw');
for (const n of ['lookup', 'resolve']) trap(dns.promises, n, `dns.promises.${n}`, 'throw');
if (typeof globalThis.fetch === 'function') trap(globalThis, 'fetch', 'fetch', 'throw');
for (const n of ['spawn', 'spawnSync', 'exec', 'execSync', 'execFile', 'execFileSync', 'fork']) trap(cp, n, `child_process.${n}`, 'throw');
for (const n of ['runInThisContext', 'runInNewContext', 'runInContext', 'compileFunction']) trap(vm, n, `vm.${n}`, 'throw');
for (const n of ['writeFileSync', 'writeFile', 'appendFileSync', 'appendFile', 'mkdirSync', 'mkdir', 'rmSync', 'rm', 'rmdirSync', 'unlinkSync', 'unlink', 'renameSync', 'rename', 'copyFileSync', 'cpSync', 'createWriteStream', 'symlinkSync', 'chmodSync', 'truncateSync', 'utimesSync']) {
  trap(nodeFs, n, `fs.${n}`, 'record');
}
for (const n of ['writeFile', 'appendFile', 'mkdir', 'rm', 'unlink', 'rename', 'copyFile', 'cp']) trap(nodeFs.promises, n, `fs.promises.${n}`, 'record');
for (const n of ['openSync', 'open']) {
  const original = nodeFs[n];
  nodeFs[n] = function (file: unknown, flags: unknown, ...rest: unknown[]) {
    if (typeof flags === 'string' && /[wa+]/.test(flags)) record(`fs.${n}(${String(file)}, ${flags})`);
    else if (typeof flags === 'number' && (flags & (nodeFs.constants.O_WRONLY | nodeFs.constants.O_RDWR)) !== 0) record(`fs.${n}(${String(file)}, ${flags})`);
    return original.call(this, file, flags, ...rest);
  };
}

// Any module of the user's skill (its code or its node_modules) loaded means user code ran.
const M = Module as unknown as { _load: (request: string, parent: { filename?: string } | undefined, isMain: boolean) => unknown; _resolveFilename: (r: string, p: unknown, m: boolean) => string };
const load = M._load;
M._load = function (request, parent, isMain) {
  if (watch) {
    let resolved = request;
    try {
      resolved = M._resolveFilename(request, parent, isMain);
    } catch {
      // unresolvable: let the real loader fail
    }
    if (resolved.startsWith(watch)) {
      record(`require(${resolved})`);
      throw new Error(`trapped: require of user code ${resolved}`);
    }
  }
  return load.call(this, request, parent, isMain);
};

