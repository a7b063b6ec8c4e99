-- My AMIs (Owners=self, the default scope of aws.ec2.images) with no store task that completed in the
-- last 31 days: the images a disaster-recovery archive in S3 does not cover yet.
SELECT i.region, i.imageId, i.name, i.creationDate
FROM aws.ec2.images i
LEFT JOIN aws.ec2.store_image_tasks t
  ON t.region = i.region AND t.amiId = i.imageId AND t.storeTaskState = 'Completed'
WHERE t.amiId IS NULL
ORDER BY i.region, i.imageId;
