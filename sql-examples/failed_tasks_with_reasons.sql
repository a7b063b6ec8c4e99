-- Failed stores and why, newest first. storeTaskState is pushed down as the task-state filter.
SELECT region, amiId, bucket, taskStartTime, progressPercentage, storeTaskFailureReason
FROM aws.ec2.store_image_tasks
WHERE storeTaskState = 'Failed'
ORDER BY taskStartTime DESC
