// The part of xml2js (the XML parser rss-parser is built on, over sax) that the OPML and XSL tests use.
declare module 'xml2js' {
  /** Parses XML into nested objects: attributes under `$`, child elements as arrays by name. */
  export function parseStringPromise(xml: string, options?: { strict?: boolean }): Promise<any>;
}
