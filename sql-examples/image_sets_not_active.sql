-- Latest version of several image sets (one call each, in parallel) that are not ACTIVE or whose last
-- workflow step failed.
SELECT imageSetId, versionId, imageSetState, imageSetWorkflowStatus, message
FROM aws.medical_imaging.image_set_versions
WHERE region = 'us-west-2'
  AND datastoreId = 'b2c3d4e5f60718293a4b5c6d7e8f90a1'
  AND imageSetId IN ('33333333333333333333333333333333', '44444444444444444444444444444444', '55555555555555555555555555555555')
  AND (imageSetState <> 'ACTIVE' OR imageSetWorkflowStatus LIKE '%FAILED')
ORDER BY imageSetId, CAST(versionId AS INTEGER) DESC
