-- Store tasks with the name of the AMI they store, newest first.
SELECT t.region, t.amiId, i.name AS amiName, t.storeTaskState, t.progressPercentage
FROM aws.ec2.store_image_tasks t
JOIN aws.ec2.images i ON i.region = t.region AND i.imageId = t.amiId
ORDER BY t.region, t.taskStartTime DESC;
