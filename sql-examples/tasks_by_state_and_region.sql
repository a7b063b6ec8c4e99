-- How many AMI store tasks each region has, by state.
SELECT region, storeTaskState, COUNT(*) AS tasks
FROM aws.ec2.store_image_tasks
GROUP BY region, storeTaskState
ORDER BY region, storeTaskState
