export const INGRESS_PIPELINE = Symbol('INGRESS_PIPELINE');
export const PIPELINE_PORTS = Symbol('PIPELINE_PORTS');
