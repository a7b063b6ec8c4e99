-- Store again, in the disaster-recovery bucket, every us-east-1 AMI whose store to the archive completed.
-- Each row is one CreateStoreImageTask call; a following SELECT shows the new tasks InProgress.
INSERT INTO aws.ec2.store_image_tasks (region, amiId, bucket, s3ObjectTags)
SELECT DISTINCT region, amiId, 'acme-dr-backups', '{"copy-of": "acme-ami-archive"}'
FROM aws.ec2.store_image_tasks
WHERE region = 'us-east-1' AND bucket = 'acme-ami-archive' AND storeTaskState = 'Completed';

SELECT amiId, bucket, storeTaskState, progressPercentage, s3objectKey
FROM aws.ec2.store_image_tasks
WHERE region = 'us-east-1' AND bucket = 'acme-dr-backups' AND storeTaskState = 'InProgress';
