-- StackQL's INSERT spelling, with the API's member names (ImageId, Bucket).
INSERT INTO aws.ec2.store_image_tasks (region, ImageId, Bucket)
SELECT 'us-west-2', 'ami-0b1b2c3d4e5f60002', 'acme-ami-archive-usw2';

-- The AMI's history: the new task, in progress, and the one that stored it before.
SELECT region, amiId, storeTaskState, progressPercentage
FROM aws.ec2.store_image_tasks
WHERE amiId = 'ami-0b1b2c3d4e5f60002' AND region = 'us-west-2'
ORDER BY taskStartTime DESC;
