// Writes microcred/credentials/tests/vectors/presentations.json: verifiable presentations
// signed by Digital Bazaar's libraries (eddsa-rdfc-2022, proof purpose authentication),
// the way the W3C VC Data Model 2.0 test suite makes them, so that the VC API tests check
// our verifier against presentations another implementation signed.
//
//   node tests/interop/make_presentations.mjs
//
// The key comes from a fixed seed, so the output changes only when the inputs do.
// Nothing is fetched: contexts come from the platform's shipped copies.

import './offline.mjs';

import {readFile, writeFile} from 'node:fs/promises';
import {createHash} from 'node:crypto';
import {fileURLToPath} from 'node:url';
import path from 'node:path';

import * as vc from '@digitalbazaar/vc';
import * as Ed25519Multikey from '@digitalbazaar/ed25519-multikey';
import {DataIntegrityProof} from '@digitalbazaar/data-integrity';
import {cryptosuite as eddsaRdfc2022} from '@digitalbazaar/eddsa-rdfc-2022-cryptosuite';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const ROOT = path.resolve(HERE, '../..');
const CONTEXTS_DIR = path.join(ROOT, 'microcred/credentials/formats/contexts');
const OUT = path.join(ROOT, 'microcred/credentials/tests/vectors/presentations.json');

export const CHALLENGE = 'u1bT4x0oXbM0hJ5kGUjF3dA';
export const DOMAIN = 'verifier.example.org';
const V2 = 'https://www.w3.org/ns/credentials/v2';
const EXAMPLES = 'https://www.w3.org/ns/credentials/examples/v2';

const index = JSON.parse(await readFile(path.join(CONTEXTS_DIR, 'index.json'), 'utf8'));
const contexts = new Map();
for(const [url, file] of Object.entries(index)) {
  contexts.set(url, JSON.parse(await readFile(path.join(CONTEXTS_DIR, file), 'utf8')));
}
const documentLoader = async url => {
  if(!contexts.has(url)) {
    throw new Error(`${url} is not a shipped context`);
  }
  return {contextUrl: null, documentUrl: url, document: structuredClone(contexts.get(url))};
};

const seed = createHash('sha256').update('microcred VC API test presentations').digest();
const keyPair = await Ed25519Multikey.generate({seed});
const did = `did:key:${keyPair.publicKeyMultibase}`;
keyPair.id = `${did}#${keyPair.publicKeyMultibase}`;
keyPair.controller = did;
const suite = () => new DataIntegrityProof({
  signer: keyPair.signer(), cryptosuite: eddsaRdfc2022, date: '2025-01-01T00:00:00Z'
});

const credential = (subject, extra = {}) => ({
  '@context': [V2], type: ['VerifiableCredential'], issuer: did,
  credentialSubject: {id: subject}, ...extra
});

async function present(presentation) {
  const held = [];
  for(const item of presentation.verifiableCredential ?? []) {
    held.push(await vc.issue({credential: item, suite: suite(), documentLoader}));
  }
  const unsigned = structuredClone(presentation);
  if(held.length) {
    unsigned.verifiableCredential = held;
  }
  return vc.signPresentation({
    presentation: unsigned, suite: suite(), challenge: CHALLENGE, domain: DOMAIN,
    documentLoader
  });
}

const vectors = {
  challenge: CHALLENGE,
  domain: DOMAIN,
  holder: did,
  presentations: {
    // No credential: verifiableCredential is optional (VCDM 2.0 §4.13).
    empty: await present({'@context': [V2], type: ['VerifiablePresentation']}),
    with_id: await present({
      '@context': [V2], type: ['VerifiablePresentation'],
      id: 'urn:uuid:9c9a36f8-518f-4976-a934-6649502d0008'
    }),
    extra_type: await present({
      '@context': [V2, {ExamplePresentation: 'https://example.org/#ExamplePresentation'}],
      type: ['VerifiablePresentation', 'ExamplePresentation']
    }),
    examples_context: await present({
      '@context': [V2, EXAMPLES], type: ['VerifiablePresentation'],
      holder: did,
      verifiableCredential: [credential('did:example:subject', {
        '@context': [V2, EXAMPLES], credentialSubject: {id: 'did:example:subject', nickname: 'Ace'}
      })]
    }),
    // Credentials without validFrom, which VCDM 2.0 makes optional.
    holder_string: await present({
      '@context': [V2], type: ['VerifiablePresentation'], holder: did,
      verifiableCredential: [credential('did:example:one'), credential('did:example:two')]
    }),
    holder_object: await present({
      '@context': [V2], type: ['VerifiablePresentation'], holder: {id: did},
      verifiableCredential: [credential('did:example:one')]
    })
  }
};

await writeFile(OUT, JSON.stringify(vectors, null, 2) + '\n');
console.log(`wrote ${path.relative(ROOT, OUT)} (holder ${did})`);
