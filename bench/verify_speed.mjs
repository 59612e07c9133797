// The Node side of bench/verify_speed.py: Digital Bazaar's verifier, exactly as the
// interoperability tests run it (tests/interop/verify.mjs), verifying one credential over
// and over in one process for a given time.
//
//   {"credential": {...}, "documents": {url: json}, "seconds": 5}
//   -> {"verified": bool, "errors": [...], "runs": n, "seconds": s, "perSecond": r}
//
// The contexts are read once, as a long-running verifier would; everything else
// (expansion, RDFC-1.0, the signature, the status list and its own proof) is done again
// on every run, as verify.mjs does it.

import {
  loadContexts, makeDocumentLoader, verifyDataIntegrityCredential
} from '../tests/interop/verify.mjs';

const chunks = [];
for await (const chunk of process.stdin) {
  chunks.push(chunk);
}
const request = JSON.parse(Buffer.concat(chunks).toString('utf8'));
const documentLoader = makeDocumentLoader({
  contexts: await loadContexts(), documents: request.documents ?? {}
});
const verify = () => verifyDataIntegrityCredential(request, documentLoader);

// Warm up: the first runs compile the libraries' code.
let result;
for(let n = 0; n < 20; n++) {
  result = await verify();
}
const budget = (request.seconds ?? 5) * 1000;
const started = performance.now();
let runs = 0;
while(performance.now() - started < budget) {
  result = await verify();
  runs += 1;
}
const seconds = (performance.now() - started) / 1000;
process.stdout.write(JSON.stringify({
  verified: result.verified, errors: result.errors, runs, seconds, perSecond: runs / seconds
}) + '\n');
