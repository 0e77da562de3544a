/** Every govflow command explains itself: --help ends with an example of the command in use. */
import { Command } from 'commander';
import { describe, expect, it } from 'vitest';
import { ADMINISTRATOR_NOTE, registerCommands } from '../../client/commands';
import { govflow } from '../support/processes';

function leaves(command: Command): Command[] {
  return command.commands.length === 0 ? [command] : command.commands.flatMap(leaves);
}

function path(command: Command): string {
  const names: string[] = [];
  for (let c: Command | null = command; c?.parent; c = c.parent) names.unshift(c.name());
  return names.join(' ');
}

describe('govflow --help', () => {
  it('gives every command a description and an example that runs that command', () => {
    let out = '';
    const program = new Command('govflow').configureOutput({
      writeOut: (s) => (out += s),
      writeErr: (s) => (out += s),
    });
    registerCommands(program);
    const commands = leaves(program);
    expect(commands.map(path)).toEqual(
      expect.arrayContaining([
        'board propose',
        'tor decide',
        'tor revise',
        'self-assess',
        'review-outcome',
        'decision propose',
        'vote',
        'declare-interest',
        'consent-urgency',
        'call-in',
        'scrutiny-outcome',
        'reconsider',
        'resolve-escalation',
        'withdraw',
        'recommendation propose',
        'parent-decision',
        'consultation start',
        'consultation responses',
        'consultation report',
        'consultation decide',
        'status',
        'list',
        'queries',
      ]),
    );
    for (const command of commands) {
      out = '';
      command.outputHelp();
      expect(command.description(), path(command)).not.toBe('');
      expect(out, path(command)).toMatch(/\nExamples?:\n/);
      expect(out.slice(out.search(/\nExamples?:\n/)), path(command)).toContain(`govflow ${path(command)}`);
    }
  });

  it('prints the help of a command from the installed binary and exits 0', async () => {
    const result = await govflow(['call-in', '--help']);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('Usage: govflow call-in [options] <decision>');
    expect(result.stdout).toContain('npx govflow call-in southampton-jcb/2027-014 --members');
  });

  it('says on every command that it acts as an administrator for whoever it names', async () => {
    for (const args of [
      ['--help'],
      ['vote', '--help'],
      ['parent-decision', '--help'],
      ['tor', 'decide', '--help'],
    ]) {
      const result = await govflow(args);
      expect(result.stdout.startsWith(ADMINISTRATOR_NOTE), args.join(' ')).toBe(true);
    }
  });
});
