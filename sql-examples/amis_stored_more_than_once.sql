-- AMIs stored more than once in the last 31 days, with their first and latest store.
SELECT region, amiId, COUNT(*) AS stores, MIN(taskStartTime) AS firstStore, MAX(taskStartTime) AS latestStore
FROM aws.ec2.store_image_tasks
GROUP BY region, amiId
HAVING COUNT(*) > 1
ORDER BY region, amiId
