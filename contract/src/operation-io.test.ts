import { describe, expectTypeOf, it } from 'vitest';
import { catalogOperations } from './catalog/operations/index.ts';
import type { Banner, BannerUpdate } from './catalog/banner-schemas.ts';
import type { InputOf, OperationById, ResultOf } from './operation-io.ts';

type UpdateBanner = OperationById<'updateBanner'>;

describe('operation types', () => {
  it('OperationById picks the operation object by id', () => {
    const op = catalogOperations.find((candidate) => candidate.operationId === 'updateBanner');
    expectTypeOf<UpdateBanner['operationId']>().toEqualTypeOf<'updateBanner'>();
    expectTypeOf(op).toExtend<UpdateBanner | (typeof catalogOperations)[number] | undefined>();
  });

  it('InputOf is the parsed params, headers and body; ResultOf the declared answers', () => {
    expectTypeOf<InputOf<UpdateBanner>['params']>().toEqualTypeOf<{ id: string }>();
    expectTypeOf<InputOf<UpdateBanner>['body']>().toEqualTypeOf<BannerUpdate>();
    expectTypeOf<InputOf<UpdateBanner>['query']>().toEqualTypeOf<Record<string, never>>();
    expectTypeOf<ResultOf<UpdateBanner>['status']>().toEqualTypeOf<200>();
    expectTypeOf<ResultOf<UpdateBanner>['body']>().toExtend<Banner>();
  });
});
