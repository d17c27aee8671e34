import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { deployments, synthesize } from './support';

interface Finding {
  readonly Level: string;
  readonly Message: string;
  readonly Rule: { readonly Id: string };
  readonly Location: { readonly Path?: readonly (string | number)[] };
}

/**
 * Every template a deployment synthesizes, as DevOps check it: cfn-lint (on the machine image, and
 * installed by .ci/run where missing) must report no error. Warnings are printed by hand runs, not
 * failed on: the CDK's own constructs raise a few that are known and harmless.
 */
describe.each(deployments.map((d) => [d.name, d] as const))('cfn-lint on %s', (_name, deployment) => {
  const { appScope } = synthesize(deployment);
  const stacks = appScope.synth().stacks;

  it.each(stacks.map((stack) => [stack.stackName, stack.templateFullPath] as const))(
    '%s has no error',
    (_stack, template) => {
      let output: string;
      try {
        output = execFileSync('cfn-lint', ['--format', 'json', '--', template], { encoding: 'utf8' });
      } catch (failed) {
        // Not installed, or no output at all: nothing was checked, which must not pass.
        const { code, stdout } = failed as { code?: string; stdout?: string };
        if (code === 'ENOENT' || !stdout) throw failed;
        // cfn-lint exits non-zero whenever it found something; its findings are still on stdout.
        output = stdout;
      }
      const errors = (JSON.parse(output) as Finding[])
        .filter((finding) => finding.Level === 'Error')
        .map((finding) => `${finding.Rule.Id} ${finding.Location.Path?.join('/') ?? ''}: ${finding.Message}`);
      expect(errors).toEqual([]);
    },
    120_000,
  );
});
