-- The version history of one HealthImaging image set, newest first. datastoreId and imageSetId are
-- required by ListImageSetVersions; awsql refuses the query, before any request, without them.
SELECT versionId, imageSetState, imageSetWorkflowStatus, updatedAt, forced, isPrimary, message
FROM aws.medical_imaging.image_set_versions
WHERE datastoreId = 'a1b2c3d4e5f60718293a4b5c6d7e8f90' AND imageSetId = '0123456789abcdef0123456789abcdef'
ORDER BY CAST(versionId AS INTEGER) DESC
