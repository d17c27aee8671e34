import { DescribeTableCommand, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import {
  DescribeStreamCommand,
  DynamoDBStreamsClient,
  GetRecordsCommand,
  GetShardIteratorCommand,
  type _Record,
} from '@aws-sdk/client-dynamodb-streams';

/**
 * Local mode's stand-in for Lambda's DynamoDB event source (ADR 0013): reads the main table's stream
 * in DynamoDB Local, shard by shard, in order, from the moment it starts. `npm start` polls it and
 * hands what it read to the same dispatcher the cloud's function runs; the tests poll it too.
 */
export class LocalStreamReader {
  private readonly streams: DynamoDBStreamsClient;
  private readonly tables: DynamoDBClient;
  private streamArn?: string;
  /** Where each shard's reading stands; a shard first seen after start is read from its beginning. */
  private readonly iterators = new Map<string, string | undefined>();

  constructor(private readonly options: { endpoint: string; region: string; tableName: string }) {
    const client = {
      region: options.region,
      endpoint: options.endpoint,
      credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
    };
    this.streams = new DynamoDBStreamsClient(client);
    this.tables = new DynamoDBClient(client);
  }

  /** Positions the reader at the stream's end: what is committed from now on is read. */
  async start(): Promise<this> {
    for (const shardId of await this.shards()) {
      this.iterators.set(shardId, await this.iterator(shardId, 'LATEST'));
    }
    return this;
  }

  /**
   * Everything committed since the last call (since `start`, on the first). A shard's position moves
   * only past pages that were read, so a call that fails part-way loses nothing: what it did read is
   * returned, and the rest comes with the next call.
   */
  async read(): Promise<_Record[]> {
    const shards = await this.shards();
    const records: _Record[] = [];
    try {
      for (const shardId of shards) {
        if (!this.iterators.has(shardId)) {
          this.iterators.set(shardId, await this.iterator(shardId, 'TRIM_HORIZON'));
        }
        let iterator = this.iterators.get(shardId);
        while (iterator) {
          const page = await this.streams.send(
            new GetRecordsCommand({ ShardIterator: iterator, Limit: 1000 }),
          );
          records.push(...(page.Records ?? []));
          iterator = page.NextShardIterator;
          this.iterators.set(shardId, iterator);
          if ((page.Records ?? []).length === 0) break;
        }
      }
    } catch (error) {
      if (records.length === 0) throw error;
    }
    return records;
  }

  private async shards(): Promise<string[]> {
    this.streamArn ??= (
      await this.tables.send(new DescribeTableCommand({ TableName: this.options.tableName }))
    ).Table?.LatestStreamArn;
    if (!this.streamArn) throw new Error(`${this.options.tableName} has no stream`);
    const described = await this.streams.send(new DescribeStreamCommand({ StreamArn: this.streamArn }));
    return (described.StreamDescription?.Shards ?? []).map((s) => s.ShardId!).filter(Boolean);
  }

  private async iterator(shardId: string, type: 'LATEST' | 'TRIM_HORIZON') {
    const { ShardIterator } = await this.streams.send(
      new GetShardIteratorCommand({ StreamArn: this.streamArn, ShardId: shardId, ShardIteratorType: type }),
    );
    return ShardIterator;
  }

  stop(): void {
    this.streams.destroy();
    this.tables.destroy();
  }
}
