// @ts-check
// Loaded with `node --import` by `npm run bench -- --cli`: when the process exits, writes its whole
// CPU time (user and system, since it started, in microseconds) to file descriptor 3.
import fs from "node:fs";

process.on("exit", () => {
  const { user, system } = process.cpuUsage();
  fs.writeSync(3, JSON.stringify({ user, system }));
});
