// Llama-2 ids of each input line (a JSON string) with llama-tokenizer-js, one JSON list per line.
// The literals <s>, </s>, <unk> count as their special ids; text after one gets no dummy prefix.
// Usage: node llama_js_ids.mjs <node_modules dir> < texts.jsonl > ids.jsonl
import { createInterface } from "node:readline";
import { pathToFileURL } from "node:url";
const dir = process.argv[2];
const { default: tok } = await import(pathToFileURL(`${dir}/llama-tokenizer-js/llama-tokenizer.js`).href);
const SPECIAL = { "<unk>": 0, "<s>": 1, "</s>": 2 };
const out = [];
for await (const line of createInterface({ input: process.stdin })) {
  const text = JSON.parse(line);
  if (text.length === 0) { out.push("[]"); continue; }
  const ids = [1];
  text.split(/(<s>|<\/s>|<unk>)/).forEach((part, i) => {
    if (i % 2) ids.push(SPECIAL[part]);
    else if (part.length) ids.push(...tok.encode(part, false, i === 0));
  });
  out.push(JSON.stringify(ids));
}
process.stdout.write(out.join("\n") + "\n");
