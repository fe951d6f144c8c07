#!/usr/bin/env node
'use strict';
// Dispatch without loading the full CLI: the statusline must start as fast as bare node.
if (process.argv[2] === 'statusline') require('../dist/statusline.cjs');
else require('../dist/cli-launch.cjs'); // dist/cli.cjs with a V8 code cache
