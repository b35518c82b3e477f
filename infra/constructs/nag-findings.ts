import { Stack } from 'aws-cdk-lib';
import type { CfnElement } from 'aws-cdk-lib';
import type { IConstruct } from 'constructs';

/**
 * How cdk-nag names a resource's ARN inside an IAM5 finding id, e.g. `<DataTableFDBAD0F2.Arn>`, so an
 * acknowledgement can name exactly the wildcard it accepts.
 */
export function nagArn(resource: IConstruct): string {
  return `<${logicalIdOf(resource)}.Arn>`;
}

/** How cdk-nag names a resource's `Ref` inside an IAM5 finding id, e.g. `<Reports33416250>`. */
export function nagRef(resource: IConstruct): string {
  return `<${logicalIdOf(resource)}>`;
}

/** The CloudFormation logical id of an L2 construct's default resource (or of an L1 itself). */
export function logicalIdOf(resource: IConstruct): string {
  const element = (resource.node.defaultChild ?? resource) as CfnElement;
  return Stack.of(resource).getLogicalId(element);
}
