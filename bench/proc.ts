/**
 * CPU time and memory of a process tree, read from Linux's /proc (no dependencies).
 *
 * n8n is started in its own process group (scripts/n8n.ts spawns it detached), and its task
 * runner is a child in that group, so "the n8n processes" are the members of the group whose
 * id is the main process id.
 */
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';

/** Clock ticks per second of the utime/stime fields (almost always 100). */
export const CLOCK_TICKS = (() => {
	try {
		return Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;
	} catch {
		return 100;
	}
})();

interface ProcStat {
	pid: number;
	comm: string;
	ppid: number;
	pgrp: number;
	/** utime + stime, in ticks. */
	ownTicks: number;
	/** cutime + cstime: children that exited and were waited for, in ticks. */
	childTicks: number;
}

function readStat(pid: number): ProcStat | undefined {
	let text: string;
	try {
		text = readFileSync(`/proc/${pid}/stat`, 'utf8');
	} catch {
		return undefined; // gone meanwhile
	}
	// The command name is in parentheses and may itself contain spaces or parentheses.
	const close = text.lastIndexOf(')');
	const comm = text.slice(text.indexOf('(') + 1, close);
	// Fields from the 3rd on (state, ppid, pgrp, ...), as 1-based field numbers minus 3.
	const fields = text.slice(close + 2).split(' ');
	const field = (n: number) => Number(fields[n - 3]);
	return {
		pid,
		comm,
		ppid: field(4),
		pgrp: field(5),
		ownTicks: field(14) + field(15),
		childTicks: field(16) + field(17),
	};
}

/** Every process whose process group is `pgid`. */
export function groupMembers(pgid: number): ProcStat[] {
	const members: ProcStat[] = [];
	for (const entry of readdirSync('/proc')) {
		if (!/^\d+$/.test(entry)) continue;
		const stat = readStat(Number(entry));
		if (stat && stat.pgrp === pgid) members.push(stat);
	}
	return members;
}

export interface CpuSample {
	/** CPU seconds (user + system) of every live process of the group, plus reaped children. */
	seconds: number;
	/** The main process alone (without its children). */
	mainSeconds: number;
	processes: Array<{ pid: number; comm: string; seconds: number }>;
}

/** CPU used so far by the n8n main process, its task runner(s) and any child it reaped. */
export function groupCpu(pgid: number): CpuSample {
	const members = groupMembers(pgid);
	let ticks = 0;
	for (const member of members) {
		ticks += member.ownTicks;
		if (member.pid === pgid) ticks += member.childTicks;
	}
	const main = members.find((member) => member.pid === pgid);
	return {
		seconds: ticks / CLOCK_TICKS,
		mainSeconds: (main?.ownTicks ?? 0) / CLOCK_TICKS,
		processes: members.map((m) => ({ pid: m.pid, comm: m.comm, seconds: m.ownTicks / CLOCK_TICKS })),
	};
}

/** A field of /proc/<pid>/status in bytes (VmRSS, VmHWM, ...); undefined when unreadable. */
export function statusBytes(pid: number, field: 'VmRSS' | 'VmHWM'): number | undefined {
	try {
		const match = new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
		return match ? Number(match[1]) * 1024 : undefined;
	} catch {
		return undefined;
	}
}

/** Resets the process's VmHWM to its current RSS (Linux ≥ 4.0, own processes); false if refused. */
export function resetPeakRss(pid: number): boolean {
	try {
		writeFileSync(`/proc/${pid}/clear_refs`, '5');
		return true;
	} catch {
		return false;
	}
}

/** Samples VmRSS every `intervalMs` until stopped; the highest value seen. */
export function sampleRss(pid: number, intervalMs = 50): { stop(): number } {
	let peak = statusBytes(pid, 'VmRSS') ?? 0;
	const timer = setInterval(() => {
		peak = Math.max(peak, statusBytes(pid, 'VmRSS') ?? 0);
	}, intervalMs);
	return {
		stop() {
			clearInterval(timer);
			return Math.max(peak, statusBytes(pid, 'VmRSS') ?? 0);
		},
	};
}
