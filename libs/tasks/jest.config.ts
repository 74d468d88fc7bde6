export default {
  displayName: 'tasks',
  preset: '../../jest.preset.js',
  testEnvironment: 'node',
  coverageDirectory: '../../coverage/libs/tasks',
};
