-- connection: accounts=123456789012,210987654321,444455556666;roleName=Inventory;skipErrors=AccessDenied
-- Every account's own AMIs with no store task that completed in the last 31 days, across accounts and
-- regions. Account 444455556666's role refuses awsql (AccessDenied): with skipErrors=AccessDenied its
-- regions are skipped, each with an SQLWarning, and the report covers the other accounts.
SELECT i.account, i.region, i.imageId, i.name
FROM aws.ec2.images i
LEFT JOIN aws.ec2.store_image_tasks t
  ON t.account = i.account AND t.region = i.region AND t.amiId = i.imageId AND t.storeTaskState = 'Completed'
WHERE t.amiId IS NULL
ORDER BY i.account, i.region, i.imageId
