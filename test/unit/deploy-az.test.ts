import assert from 'node:assert/strict';
import { execFile, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ROOT } from '../../src/app/paths';

// Every `az` command in docs/deploy.md must use only flags that `az <command> --help` lists, so a
// county engineer can paste it. The help comes from the installed Azure CLI (Debian's azure-cli
// 2.45, which .ci/run installs; no network or login needed). Without az the check is skipped with a
// note, and passes.

/**
 * Commands whose --help cannot be read from Debian's azure-cli 2.45, with the flags checked by hand
 * against Microsoft's reference (learn.microsoft.com/cli/azure). Used only when the help fails.
 */
const BY_HAND: Record<string, { flags: string[]; why: string }> = {
  'keyvault secret set': {
    flags: ['--vault-name', '--name', '--value'],
    why: "Debian's azure-cli 2.45 package lacks the azure.keyvault.v7_0 module, so every `az keyvault secret` help crashes",
  },
};

/** Splits one shell command line into words: quotes and $(…) stay inside a word; ; | && ) end the command. */
export function azCommandsIn(line: string): string[][] {
  const commands: string[][] = [];
  for (const start of line.matchAll(/(?:^|\$\(|;|&&|\|)\s*(az )/g)) {
    let i = start.index! + start[0].length - 3;
    const words: string[] = [];
    let word = '';
    let depth = 0;
    let quote = '';
    for (; i < line.length; i++) {
      const c = line[i];
      if (quote) {
        if (c === quote) quote = '';
        word += c;
      } else if (c === '"' || c === "'") {
        quote = c;
        word += c;
      } else if (c === '$' && line[i + 1] === '(') {
        depth++;
        word += '$(';
        i++;
      } else if (c === ')' && depth > 0) {
        depth--;
        word += c;
      } else if (depth === 0 && (c === ')' || c === ';' || c === '|' || (c === '&' && line[i + 1] === '&'))) {
        break;
      } else if (/\s/.test(c) && depth === 0) {
        if (word) words.push(word);
        word = '';
      } else {
        word += c;
      }
    }
    if (word) words.push(word);
    commands.push(words);
  }
  return commands;
}

/** The `az` commands of the guide: in ```bash blocks (lines joined at a trailing \) and in `inline code`. */
export function guideAzCommands(markdown: string): { command: string; flags: string[]; text: string }[] {
  const lines: string[] = [];
  for (const block of markdown.matchAll(/^```bash\n([\s\S]*?)^```/gm)) lines.push(...block[1].replace(/\\\n\s*/g, ' ').split('\n'));
  const withoutBlocks = markdown.replace(/^```[\s\S]*?^```/gm, '');
  for (const span of withoutBlocks.replace(/\n/g, ' ').matchAll(/`(az [^`]+)`/g)) lines.push(span[1]);
  return lines.flatMap((line) =>
    azCommandsIn(line).map((words) => {
      const rest = words.slice(1);
      const firstFlag = rest.findIndex((w) => w.startsWith('-'));
      const command = (firstFlag < 0 ? rest : rest.slice(0, firstFlag)).filter((w) => /^[a-z][a-z0-9-]*$/.test(w)).join(' ');
      const flags = rest.filter((w) => /^--?[A-Za-z]/.test(w)).map((w) => w.split('=')[0]);
      return { command, flags, text: words.join(' ') };
    }),
  );
}

/** Flags an `az … --help` text lists: the words starting with - at the head of each argument line. */
export function helpFlags(help: string): Set<string> {
  const flags = new Set<string>();
  for (const line of help.split('\n')) {
    if (!/^ {4}-/.test(line)) continue;
    for (const word of line.trim().split(/\s+/)) {
      if (!word.startsWith('-')) break;
      flags.add(word);
    }
  }
  return flags;
}

function azHelp(command: string, env: NodeJS.ProcessEnv): Promise<{ ok: boolean; text: string }> {
  return new Promise((resolve) => {
    execFile('az', [...command.split(' '), '--help'], { env, timeout: 120_000, maxBuffer: 4 * 1024 * 1024 }, (err, stdout, stderr) =>
      resolve({ ok: !err, text: `${stdout}\n${stderr}` }),
    );
  });
}

describe("the deployment guide's az commands", function () {
  this.timeout(600_000);
  const commands = guideAzCommands(fs.readFileSync(path.join(ROOT, 'docs', 'deploy.md'), 'utf8'));

  it('are found: every step of the guide is a command', () => {
    const names = new Set(commands.map((c) => c.command));
    for (const expected of [
      'group create',
      'storage account create',
      'appservice plan create',
      'webapp create',
      'webapp config set',
      'role assignment create',
      'keyvault create',
      'keyvault secret set',
      'webapp config appsettings set',
      'webapp deploy',
      'ad app create',
      'ad app credential reset',
      'bot create',
      'bot msteams create',
      'monitor diagnostic-settings create',
      'monitor metrics alert create',
    ]) {
      assert.ok(names.has(expected), `the guide runs az ${expected}`);
    }
    // The parser keeps quoted values and $(…) inside one word, and finds commands inside $(…).
    assert.deepEqual(
      guideAzCommands(
        '```bash\nX=$(az webapp show --name "a b" --query id)\naz ad app credential reset --display-name "bot $(date +%Y)" \\\n  --years 1\n```\n',
      ),
      [
        { command: 'webapp show', flags: ['--name', '--query'], text: 'az webapp show --name "a b" --query id' },
        {
          command: 'ad app credential reset',
          flags: ['--display-name', '--years'],
          text: 'az ad app credential reset --display-name "bot $(date +%Y)" --years 1',
        },
      ],
    );
  });

  it('use only flags that `az <command> --help` lists', async () => {
    if (spawnSync('az', ['version'], { encoding: 'utf8', timeout: 60_000 }).status !== 0) {
      console.log("      note: az (Debian's azure-cli) is not installed, so the guide's az flags were not checked (.ci/run installs it)");
      return;
    }
    // A throw-away config folder: no login, no telemetry, nothing written to the user's ~/.azure.
    const config = fs.mkdtempSync(path.join(os.tmpdir(), 'az-help-'));
    const env = { ...process.env, AZURE_CONFIG_DIR: config, AZURE_CORE_COLLECT_TELEMETRY: 'no', AZURE_CORE_NO_COLOR: 'true' };
    try {
      const unique = [...new Set(commands.map((c) => c.command))];
      const helps = new Map<string, { ok: boolean; text: string }>();
      // Four at a time: each help starts a Python process of a few seconds.
      for (let i = 0; i < unique.length; i += 4) {
        const batch = unique.slice(i, i + 4);
        const results = await Promise.all(batch.map((c) => azHelp(c, env)));
        batch.forEach((c, j) => helps.set(c, results[j]));
      }
      const problems: string[] = [];
      const byHand = new Set<string>();
      for (const { command, flags, text } of commands) {
        const help = helps.get(command)!;
        let known: Set<string>;
        if (help.ok) known = helpFlags(help.text);
        else if (BY_HAND[command]) {
          if (!byHand.has(command)) console.log(`      note: az ${command}: checked by hand (${BY_HAND[command].why})`);
          byHand.add(command);
          known = new Set(BY_HAND[command].flags);
        } else {
          problems.push(
            `az ${command}: no such command (${
              help.text
                .trim()
                .split('\n')
                .find((l) => /error/i.test(l)) ?? 'help failed'
            })`,
          );
          continue;
        }
        for (const flag of flags) if (!known.has(flag)) problems.push(`az ${command}: ${flag} is not a flag of it (in: ${text})`);
      }
      assert.deepEqual(problems, []);
      // The check can fail: a made-up flag and a made-up command are caught.
      assert.equal(helpFlags(helps.get('group create')!.text).has('--no-such-flag'), false);
      assert.ok(helpFlags(helps.get('group create')!.text).has('--location'));
      assert.equal((await azHelp('webapp no-such-command', env)).ok, false);
      console.log(
        `      checked ${commands.length} az commands (${unique.length} distinct) against az ${/"azure-cli": "([^"]+)"/.exec(spawnSync('az', ['version'], { encoding: 'utf8', env }).stdout)?.[1] ?? '?'}`,
      );
    } finally {
      fs.rmSync(config, { recursive: true, force: true });
    }
  });
});
