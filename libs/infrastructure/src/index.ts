export * from './infrastructure';
export { InfrastructureModule } from './infrastructure.module';
export * from './run-service';
