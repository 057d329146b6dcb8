// `make codegen`: the GraphQL client code in clients/, generated from backend/schema.graphql by Amplify's own
// generator, @aws-amplify/graphql-generator (pinned in package.json). Its public API, as listed in the package's
// API.md and lib/typescript.d.ts: generateStatements({schema, target}) for the operation documents,
// generateTypes({schema, target, queries}) for typed operations, generateModels({schema, target}) for model
// classes. Each returns {fileName: contents}.
//
//   node devtools/codegen/codegen.mjs            write clients/ (everything but released/ is generated; files no longer produced go)
//   node devtools/codegen/codegen.mjs --check    write nothing; exit 1 and name every file that differs from a fresh run
//   --schema PATH / --out DIR         another schema or folder (the tests use them)
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { generateModels, generateStatements, generateTypes } from '@aws-amplify/graphql-generator';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');

const README = `# Generated GraphQL client code: do not edit

Written by \`make codegen\` (devtools/codegen/codegen.mjs, Amplify's @aws-amplify/graphql-generator) from
backend/schema.graphql; \`make test\` fails when these files differ from a fresh run. Every operation of the
schema, with the generator's default selection depth (2).

| folder | for | files |
|---|---|---|
| \`graphql/\` | any client (Amplify Android, Amplify Flutter's \`GraphQLRequest\`, Apollo) | the operation documents |
| \`typescript/\` | Amplify JS v6 (web, React Native) | statements typed with \`API.ts\`: \`client.graphql({ query: createPost, ... })\` |
| \`javascript/\` | Amplify JS v6 without TypeScript (ES modules) | the same statements, untyped |
| \`swift/\` | Amplify Swift (\`AWSAPIPlugin\`) | \`API.swift\`: one class per operation, with its input and result types |
| \`dart/\` | Amplify Flutter | the schema's types as classes with \`fromJson\`/\`toJson\`, and \`ModelProvider\` |
`;

// The generator declares AppSync's scalars and directives itself: the schema goes in without
// backend/appsync_prelude.graphql (with it, it fails: 'There can be only one type named "AWSDate"').
async function generate(schema) {
  const documents = generateStatements({ schema, target: 'graphql' });
  const queries = Object.values(documents).join('\n');
  return {
    'README.md': README,
    ...prefixed('graphql', documents),
    // relativeTypesPath: each statement is typed with its variables and result from API.ts (Amplify JS v6).
    ...prefixed('typescript', generateStatements({ schema, target: 'typescript', relativeTypesPath: './API' })),
    ...prefixed('typescript', await generateTypes({ schema, target: 'typescript', queries })),
    ...prefixed('javascript', generateStatements({ schema, target: 'javascript' })),
    // The JavaScript statements are ES modules (`export const`); this makes Node load them as such.
    'javascript/package.json': `${JSON.stringify({ type: 'module' }, null, 2)}\n`,
    ...prefixed('swift', await generateTypes({ schema, target: 'swift', queries })),
    // The generator's types targets have no Dart; its models target has, which is what Amplify Flutter uses.
    ...prefixed('dart', await generateModels({ schema, target: 'dart' })),
  };
}

function prefixed(folder, files) {
  return Object.fromEntries(Object.entries(files).map(([name, text]) => [`${folder}/${name}`, text]));
}

// clients/released/ holds the app versions `make release-client` recorded (pipeline/predeploy/compatibility): never generated,
// never removed or compared here.
const RECORDED = 'released/';

function filesUnder(dir) {
  let entries;
  try {
    entries = readdirSync(dir, { recursive: true, withFileTypes: true });
  } catch (error) {
    if (error.code === 'ENOENT') return [];
    throw error;
  }
  return entries
    .filter((entry) => entry.isFile())
    .map((entry) => relative(dir, join(entry.parentPath ?? entry.path, entry.name)))
    .filter((path) => !path.startsWith(RECORDED));
}

// Paths (relative to `out`) whose contents differ from `expected`, are missing, or are not generated.
function differences(out, expected) {
  const present = new Set(filesUnder(out));
  const stale = [];
  for (const [path, text] of Object.entries(expected)) {
    if (!present.has(path)) stale.push(`missing: ${path}`);
    else if (readFileSync(join(out, path), 'utf8') !== text) stale.push(`differs: ${path}`);
  }
  for (const path of present) {
    if (!(path in expected)) stale.push(`not generated: ${path}`);
  }
  return stale.sort();
}

function write(out, files) {
  for (const path of filesUnder(out)) {
    if (!(path in files)) rmSync(join(out, path));
  }
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(out, path)), { recursive: true });
    writeFileSync(join(out, path), text);
  }
}

async function main() {
  const { values } = parseArgs({
    options: {
      check: { type: 'boolean', default: false },
      schema: { type: 'string', default: join(ROOT, 'backend', 'schema.graphql') },
      out: { type: 'string', default: join(ROOT, 'clients') },
    },
  });
  const files = await generate(readFileSync(values.schema, 'utf8'));
  const [out, schema] = [relative(process.cwd(), values.out) || '.', relative(process.cwd(), values.schema)];
  if (values.check) {
    const stale = differences(values.out, files);
    if (stale.length) {
      console.error(`${out}/ is not what ${schema} generates (run \`make codegen\`):\n  ${stale.join('\n  ')}`);
      process.exit(1);
    }
    console.log(`${out}/: ${Object.keys(files).length} files, up to date with ${schema}`);
    return;
  }
  write(values.out, files);
  console.log(`${out}/: wrote ${Object.keys(files).length} files from ${schema}`);
}

await main();
