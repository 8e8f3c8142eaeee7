/** `pushtui doctor`: each fact about this machine that bears on a benchmark, with OK/WARN and a fix. */
import * as os from 'node:os';
import { ephemeralPorts, fdLine, raiseAdvice, readFdLimits } from './ulimit.js';
import { findProgram, HOMEBREW_SBIN } from './which.js';

export interface Check {
  name: string;
  status: 'OK' | 'WARN' | 'FAIL';
  value: string;
  fix?: string;
}

/** Clients for the headline question (50,000 online drivers) need this many descriptors across processes. */
const COMFORTABLE_FDS = 10_000;

export async function runDoctor(): Promise<Check[]> {
  const checks: Check[] = [];
  const major = Number(process.versions.node.split('.')[0]);
  checks.push(major >= 20
    ? { name: 'Node.js', status: 'OK', value: process.version }
    : { name: 'Node.js', status: 'FAIL', value: process.version, fix: 'install Node.js 20 or newer' });

  const limits = await readFdLimits();
  checks.push(limits.hard >= COMFORTABLE_FDS
    ? { name: 'open files', status: 'OK', value: fdLine(limits) + (limits.soft < limits.hard ? ' (pushtui raises the soft limit per child)' : '') }
    : { name: 'open files', status: 'WARN', value: fdLine(limits), fix: `client counts above ~${limits.hard - 64} per process need more: ${raiseAdvice(COMFORTABLE_FDS * 6)}` });

  const ports = await ephemeralPorts();
  if (ports) {
    const size = ports.high - ports.low + 1;
    checks.push(size >= 28_000
      ? { name: 'ephemeral ports', status: 'OK', value: `${ports.low}-${ports.high} (${size} connections per client address and server port)` }
      : { name: 'ephemeral ports', status: 'WARN', value: `${ports.low}-${ports.high} (${size})`, fix: 'sudo sysctl -w net.ipv4.ip_local_port_range="1024 65000"' });
  } else {
    checks.push({ name: 'ephemeral ports', status: 'WARN', value: 'unknown on this OS' });
  }

  const mosquitto = findProgram('mosquitto', HOMEBREW_SBIN);
  checks.push(mosquitto
    ? { name: 'mosquitto', status: 'OK', value: mosquitto }
    : { name: 'mosquitto', status: 'WARN', value: 'not found (MQTT runs on the embedded aedes broker instead)',
        fix: process.platform === 'darwin' ? 'brew install mosquitto' : 'sudo apt-get install mosquitto' });

  const cores = os.cpus().length;
  checks.push(cores >= 4
    ? { name: 'CPU cores', status: 'OK', value: String(cores) }
    : { name: 'CPU cores', status: 'WARN', value: String(cores),
        fix: 'pusher, workers and broker share these cores; watch for client-bound flags and compare runs on the same machine only' });
  return checks;
}
