import { ConnectionSpecFieldsDto } from '../../http/connection-spec.dto';

/** JSON merge patch of the connection's spec: a field present replaces, `null` removes an optional field. */
export class UpdateConnectionRequestDto extends ConnectionSpecFieldsDto {}
