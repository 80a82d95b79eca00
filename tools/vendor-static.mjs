// Copies the browser libraries Cascade serves from static/vendor/, each with its licence.
// Run with `npm ci && npm run vendor` after changing a version in package.json;
// commit the result. The versions are pinned exactly (package.json and package-lock.json).
import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const libraries = [
  { name: "d3-hierarchy", files: { "dist/d3-hierarchy.min.js": "d3-hierarchy.min.js", LICENSE: "LICENSE" } },
];

for (const library of libraries) {
  const source = join(root, "node_modules", library.name);
  const target = join(root, "static", "vendor", library.name);
  const { version, license } = JSON.parse(readFileSync(join(source, "package.json"), "utf8"));
  mkdirSync(target, { recursive: true });
  for (const [from, to] of Object.entries(library.files)) {
    copyFileSync(join(source, from), join(target, to));
  }
  writeFileSync(join(target, "VERSION"), `${library.name} ${version} (${license}), from npm via tools/vendor-static.mjs\n`);
  console.log(`vendored ${library.name} ${version} into static/vendor/${library.name}/`);
}
