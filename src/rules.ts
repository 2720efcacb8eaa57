import type { RuleDefinition } from "@eslint/core";
import dockerfilePinUvImage from "../rules/dockerfile-pin-uv-image.js";
import dockerignoreExcludesLocalState from "../rules/dockerignore-excludes-local-state.js";
import dockerignoreKeepsPythonVersion from "../rules/dockerignore-keeps-python-version.js";
import noReusableConcurrencyDeadlock from "../rules/no-reusable-concurrency-deadlock.js";
import noSetupUvCacheOnBakedRunner from "../rules/no-setup-uv-cache-on-baked-runner.js";
import noUnverifiedUvDownload from "../rules/no-unverified-uv-download.js";
import pinSetupUvVersion from "../rules/pin-setup-uv-version.js";
import pinUvInstall from "../rules/pin-uv-install.js";
import pythonVersionSingleSource from "../rules/python-version-single-source.js";
import requireConcurrencyPerRef from "../rules/require-concurrency-per-ref.js";
import requireLockedUvSync from "../rules/require-locked-uv-sync.js";
import setupUvCacheSuffix from "../rules/setup-uv-cache-suffix.js";
import setupUvMatrixCacheSuffix from "../rules/setup-uv-matrix-cache-suffix.js";
import uvVersionMatchesDockerfile from "../rules/uv-version-matches-dockerfile.js";
import uvVersionMatchesPreCommit from "../rules/uv-version-matches-pre-commit.js";
import uvVersionMatchesPyproject from "../rules/uv-version-matches-pyproject.js";
import validRefComparison from "../rules/valid-ref-comparison.js";
import validSetupUvRef from "../rules/valid-setup-uv-ref.js";

/** Every rule of the plugin by name; test/docs.test.ts checks it against rules/, test/rules/ and docs/rules/. */
export const rules: Record<string, RuleDefinition> = {
  "dockerfile-pin-uv-image": dockerfilePinUvImage,
  "dockerignore-excludes-local-state": dockerignoreExcludesLocalState,
  "dockerignore-keeps-python-version": dockerignoreKeepsPythonVersion,
  "no-reusable-concurrency-deadlock": noReusableConcurrencyDeadlock,
  "no-setup-uv-cache-on-baked-runner": noSetupUvCacheOnBakedRunner,
  "no-unverified-uv-download": noUnverifiedUvDownload,
  "pin-setup-uv-version": pinSetupUvVersion,
  "pin-uv-install": pinUvInstall,
  "python-version-single-source": pythonVersionSingleSource,
  "require-concurrency-per-ref": requireConcurrencyPerRef,
  "require-locked-uv-sync": requireLockedUvSync,
  "setup-uv-cache-suffix": setupUvCacheSuffix,
  "setup-uv-matrix-cache-suffix": setupUvMatrixCacheSuffix,
  "uv-version-matches-dockerfile": uvVersionMatchesDockerfile,
  "uv-version-matches-pre-commit": uvVersionMatchesPreCommit,
  "uv-version-matches-pyproject": uvVersionMatchesPyproject,
  "valid-ref-comparison": validRefComparison,
  "valid-setup-uv-ref": validSetupUvRef,
};
