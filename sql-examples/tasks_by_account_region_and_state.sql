-- connection: accounts=123456789012,210987654321;roleName=Inventory
-- How many AMI store tasks each account has in each region, by state: one query over the accounts ×
-- regions of the connection (a role assumed in each account), run in parallel.
SELECT account, region, storeTaskState, COUNT(*) AS tasks
FROM aws.ec2.store_image_tasks
GROUP BY account, region, storeTaskState
ORDER BY account, region, storeTaskState
