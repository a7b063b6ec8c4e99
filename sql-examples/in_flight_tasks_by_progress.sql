-- Stores still running, least advanced first.
SELECT region, amiId, bucket, progressPercentage, taskStartTime
FROM aws.ec2.store_image_tasks
WHERE storeTaskState = 'InProgress'
ORDER BY progressPercentage, amiId
